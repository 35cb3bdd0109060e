/** What the sitemap lists: every page a reader can reach, in one D1 batch. */
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { documents, entities, storyCounts, weeklySummaries } from './schema.ts';
import { readPageBatch } from './session.ts';

export interface SitemapRows {
  articles: { slug: string; updatedAt: string }[];
  weeks: { week: string; updatedAt: string }[];
  /** Topics and entities with at least one live story (the pages that are not a 404). */
  topics: string[];
  entities: string[];
}

/**
 * One batch of four index reads. Rows read grow with the corpus (one per article, week, topic
 * and entity); the sitemap is cached like a page, so crawlers pay it once per content change.
 */
export async function listSitemapRows(db: Database): Promise<SitemapRows> {
  const [articles, weeks, topics, named] = await readPageBatch(db, [
    db
      .select({ slug: documents.slug, updatedAt: documents.updatedAt })
      .from(documents)
      .where(isNull(documents.deletedAt))
      .orderBy(asc(documents.id)),
    // Every edition has every week (the build writes all of them in one batch): one is enough.
    db
      .select({ week: weeklySummaries.week, updatedAt: weeklySummaries.updatedAt })
      .from(weeklySummaries)
      .where(eq(weeklySummaries.lang, 'en'))
      .orderBy(asc(weeklySummaries.week)),
    db
      .select({ key: storyCounts.key })
      .from(storyCounts)
      .where(and(eq(storyCounts.scope, 'topic'), gt(storyCounts.n, 0)))
      .orderBy(asc(storyCounts.key)),
    db
      .select({ slug: entities.slug })
      .from(storyCounts)
      .innerJoin(entities, sql`${entities.id} = CAST(${storyCounts.key} AS INTEGER)`)
      .where(and(eq(storyCounts.scope, 'entity'), gt(storyCounts.n, 0)))
      .orderBy(asc(entities.slug)),
  ]);
  return {
    articles,
    weeks,
    topics: topics.map((row) => row.key),
    entities: named.map((row) => row.slug),
  };
}
