/** Read queries of the pages. Each page view costs one D1 round trip (one query or one batch). */
import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { ContentLanguage } from '../services/languages.ts';
import type { Database } from './client.ts';
import { CONTENT_VERSION_SQL, readPageBatch } from './session.ts';
import {
  documentEntities,
  documents,
  documentTopics,
  entities,
  storyCounts,
  translations,
  weeklySummaries,
} from './schema.ts';

const wanted = alias(translations, 'wanted');
const original = alias(translations, 'original');

export interface StoryListItem {
  slug: string;
  publishedOn: string;
  isoWeek: string;
  sourceName: string;
  headline: string;
  summary: string;
  /** The text is in the original language because this one has no translation yet. */
  isFallback: boolean;
  /** The text is a machine translation no editor has reviewed yet (readers are told so). */
  isMachineTranslation: boolean;
  textLanguage: string;
  topics: string[];
  /** A weekly summary of this story's week exists in the page language. */
  hasWeekSummary: boolean;
  /** When the document last changed (feeds' item update time). */
  updatedAt: string;
}

const topicsJson = sql<string>`(SELECT json_group_array(topic_id) FROM (SELECT ${documentTopics.topicId} AS topic_id FROM ${documentTopics} WHERE ${documentTopics.documentId} = ${documents.id} ORDER BY ${documentTopics.position}))`;

export interface StoryFilter {
  topic?: string;
  entitySlug?: string;
}

/** Documents an editor deleted are kept but never shown. */
export const isLive = isNull(documents.deletedAt);

function filterCondition(filter: StoryFilter) {
  return and(isLive, narrowCondition(filter));
}

function narrowCondition(filter: StoryFilter) {
  if (filter.topic) {
    return sql`EXISTS (SELECT 1 FROM ${documentTopics} WHERE ${documentTopics.topicId} = ${filter.topic} AND ${documentTopics.documentId} = ${documents.id})`;
  }
  if (filter.entitySlug) {
    return sql`EXISTS (SELECT 1 FROM ${documentEntities} WHERE ${documentEntities.entityId} = (SELECT ${entities.id} FROM ${entities} WHERE ${entities.slug} = ${filter.entitySlug}) AND ${documentEntities.documentId} = ${documents.id})`;
  }
  return undefined;
}

/** The `story_counts` row (migration 0007) that holds the number of stories a filter lists. */
function countCondition(filter: StoryFilter) {
  if (filter.topic) return and(eq(storyCounts.scope, 'topic'), eq(storyCounts.key, filter.topic));
  if (filter.entitySlug) {
    // Entity counters are keyed by the id as text; CAST keeps the comparison on the key's index.
    return and(
      eq(storyCounts.scope, 'entity'),
      eq(
        storyCounts.key,
        sql`CAST((SELECT ${entities.id} FROM ${entities} WHERE ${entities.slug} = ${filter.entitySlug}) AS TEXT)`,
      ),
    );
  }
  return and(eq(storyCounts.scope, 'all'), eq(storyCounts.key, ''));
}

/** The later of two instants (either may be missing): one format (migration 0010), so as strings. */
function later(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return a ?? b;
  return b > a ? b : a;
}

/** The page's stories: newest first, in the wanted language where a translation exists. */
function selectStoryPage(db: Database, lang: ContentLanguage, page: number, pageSize: number, filter: StoryFilter) {
  return db
    .select({
      slug: documents.slug,
      publishedOn: documents.publishedOn,
      isoWeek: documents.isoWeek,
      sourceName: documents.sourceName,
      originalLanguage: documents.originalLanguage,
      headline: sql<string>`coalesce(${wanted.headline}, ${original.headline})`,
      summary: sql<string>`coalesce(${wanted.summary}, ${original.summary})`,
      hasWanted: sql<number>`${wanted.lang} IS NOT NULL`,
      isMachine: sql<number>`coalesce(${wanted.origin} = 'machine', 0)`,
      topics: topicsJson,
      hasWeekSummary: sql<number>`EXISTS (SELECT 1 FROM ${weeklySummaries} WHERE ${weeklySummaries.week} = ${documents.isoWeek} AND ${weeklySummaries.lang} = ${lang})`,
      updatedAt: documents.updatedAt,
    })
    .from(documents)
    .leftJoin(wanted, and(eq(wanted.documentId, documents.id), eq(wanted.lang, lang)))
    .leftJoin(original, and(eq(original.documentId, documents.id), eq(original.lang, documents.originalLanguage)))
    .where(filterCondition(filter))
    .orderBy(desc(documents.publishedOn), desc(documents.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
}

/**
 * The number of stories the filter lists and when the content last changed. One row whether
 * or not the counter exists yet (a topic no story has had). site_state is not in the Drizzle
 * schema (migration 0004 made it), hence the SQL source.
 */
function selectStoryTotals(db: Database, filter: StoryFilter) {
  return db
    .select({
      total: sql<number | null>`(${db.select({ n: storyCounts.n }).from(storyCounts).where(countCondition(filter))})`,
      changedAt: sql<string | null>`changed_at`,
    })
    .from(sql`site_state`)
    .where(sql`id = 1`);
}

type StoryRow = Awaited<ReturnType<typeof selectStoryPage>>[number];
type TotalsRow = Awaited<ReturnType<typeof selectStoryTotals>>[number];

export interface StoryPage {
  total: number;
  lastModified: string | null;
  items: StoryListItem[];
}

function toStoryPage(lang: ContentLanguage, rows: StoryRow[], totals: TotalsRow[]): StoryPage {
  const newestShown = rows.reduce<string | null>((newest, row) => later(newest, row.updatedAt), null);
  return {
    total: totals[0]?.total ?? 0,
    lastModified: later(totals[0]?.changedAt ?? null, newestShown),
    items: rows.map((row) => ({
      slug: row.slug,
      publishedOn: row.publishedOn,
      isoWeek: row.isoWeek,
      sourceName: row.sourceName,
      headline: row.headline,
      summary: row.summary,
      isFallback: !row.hasWanted,
      isMachineTranslation: Boolean(row.isMachine),
      textLanguage: row.hasWanted ? lang : row.originalLanguage,
      topics: JSON.parse(row.topics) as string[],
      hasWeekSummary: Boolean(row.hasWeekSummary),
      updatedAt: row.updatedAt,
    })),
  };
}

/**
 * One page of stories, newest first, with the number of stories the filter lists and the page's
 * Last-Modified, in one batch. The total is a counter kept by triggers (no count over the
 * corpus). The Last-Modified is the time the content version last moved (migration 0007), which
 * every change that could alter the page (one of its stories, the order, the number of pages)
 * moves too, or the newest of the stories shown if that is later (the editorial API stamps
 * documents with the Worker's clock, not D1's).
 */
export async function listStories(
  db: Database,
  lang: ContentLanguage,
  page: number,
  pageSize: number,
  filter: StoryFilter = {},
): Promise<StoryPage> {
  const [rows, totals] = await readPageBatch(db, [
    selectStoryPage(db, lang, page, pageSize, filter),
    selectStoryTotals(db, filter),
  ]);
  return toStoryPage(lang, rows, totals);
}

/**
 * The home page's stories and the top story of the newest week's summary in this edition, in
 * one batch. SQLite picks the story out of the stored JSON: D1 sends one story, not the week.
 */
export async function getHomePage(
  db: Database,
  edition: string,
  lang: ContentLanguage,
  page: number,
  pageSize: number,
): Promise<StoryPage & { top: { week: string; story: string | null } | null }> {
  const [rows, totals, tops] = await readPageBatch(db, [
    selectStoryPage(db, lang, page, pageSize, {}),
    selectStoryTotals(db, {}),
    db
      .select({
        week: weeklySummaries.week,
        story: sql<string | null>`json_extract(${weeklySummaries.content}, '$.stories[0]')`,
      })
      .from(weeklySummaries)
      .where(eq(weeklySummaries.lang, edition))
      .orderBy(desc(weeklySummaries.week))
      .limit(1),
  ]);
  return { ...toStoryPage(lang, rows, totals), top: tops[0] ?? null };
}

/** An entity and one page of the stories that name it, in one batch; undefined if unknown. */
export async function getEntityStories(
  db: Database,
  slug: string,
  lang: ContentLanguage,
  page: number,
  pageSize: number,
): Promise<{ entity: typeof entities.$inferSelect; stories: StoryPage } | undefined> {
  const filter = { entitySlug: slug };
  const [found, rows, totals] = await readPageBatch(db, [
    db.select().from(entities).where(eq(entities.slug, slug)),
    selectStoryPage(db, lang, page, pageSize, filter),
    selectStoryTotals(db, filter),
  ]);
  const entity = found[0];
  return entity ? { entity, stories: toStoryPage(lang, rows, totals) } : undefined;
}

/** Live documents and stored texts, from their counters (migration 0007). */
export async function countCorpus(db: Database): Promise<{ documents: number; translations: number }> {
  const rows = await db
    .select({ scope: storyCounts.scope, n: storyCounts.n })
    .from(storyCounts)
    .where(and(inArray(storyCounts.scope, ['all', 'translations']), eq(storyCounts.key, '')));
  const n = (scope: string) => rows.find((row) => row.scope === scope)?.n ?? 0;
  return { documents: n('all'), translations: n('translations') };
}

/** Live documents per topic, from their counters; topics with none are left out. */
export async function listTopicCounts(db: Database): Promise<{ topic: string; count: number }[]> {
  // A batch of one: a page's first read is a batch, so the cache's version read can join it.
  const [rows] = await readPageBatch(db, [
    db
      .select({ topic: storyCounts.key, count: storyCounts.n })
      .from(storyCounts)
      .where(and(eq(storyCounts.scope, 'topic'), gt(storyCounts.n, 0))),
  ]);
  return rows;
}

export interface ArticleSummaryRow {
  id: number;
  slug: string;
  publishedOn: string;
  sourceName: string;
  sourceUrl: string;
  headline: string;
  summary: string;
  textLanguage: string;
  topics: string[];
}

/** Keyset page of articles, newest first, after (publishedOn, id) when a cursor is given. */
export async function listArticlesAfter(
  db: Database,
  lang: ContentLanguage,
  after: { publishedOn: string; id: number } | null,
  limit: number,
): Promise<ArticleSummaryRow[]> {
  const rows = await db
    .select({
      id: documents.id,
      slug: documents.slug,
      publishedOn: documents.publishedOn,
      sourceName: documents.sourceName,
      sourceUrl: documents.sourceUrl,
      originalLanguage: documents.originalLanguage,
      headline: sql<string>`coalesce(${wanted.headline}, ${original.headline})`,
      summary: sql<string>`coalesce(${wanted.summary}, ${original.summary})`,
      hasWanted: sql<number>`${wanted.lang} IS NOT NULL`,
      topics: topicsJson,
    })
    .from(documents)
    .leftJoin(wanted, and(eq(wanted.documentId, documents.id), eq(wanted.lang, lang)))
    .leftJoin(original, and(eq(original.documentId, documents.id), eq(original.lang, documents.originalLanguage)))
    .where(
      and(
        isLive,
        after ? sql`(${documents.publishedOn}, ${documents.id}) < (${after.publishedOn}, ${after.id})` : undefined,
      ),
    )
    .orderBy(desc(documents.publishedOn), desc(documents.id))
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    publishedOn: row.publishedOn,
    sourceName: row.sourceName,
    sourceUrl: row.sourceUrl,
    headline: row.headline,
    summary: row.summary,
    textLanguage: row.hasWanted ? lang : row.originalLanguage,
    topics: JSON.parse(row.topics) as string[],
  }));
}

/**
 * The content version (migration 0004): bumped by triggers on every change a reader could
 * see. One row by primary key.
 */
export async function readContentVersion(db: Database): Promise<number> {
  // all(), not first(): only all() reports rows read, which Server-Timing shows.
  const { results } = await db.$client.prepare(CONTENT_VERSION_SQL).all<{ content_version: number }>();
  return results[0]?.content_version ?? 0;
}
