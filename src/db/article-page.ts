/**
 * Reads of the article page, in one batch (one D1 round trip): the article itself
 * (`articleStatements`), the story of its week's summary that it belongs to (other reports of
 * the same event), the story a reader goes to next, and related reports that share people or
 * organisations with it.
 */
import { and, desc, eq, lt, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { ContentLanguage, Edition } from '../services/languages.ts';
import type { Story } from '../services/weekly-summary.ts';
import { articleStatements, toArticle, type Article } from './article.ts';
import type { Database } from './client.ts';
import { isLive } from './queries.ts';
import { documentEntities, documents, entities, translations, weeklySummaries } from './schema.ts';
import { readPageBatch } from './session.ts';

/** Related reports shown under an article. */
const RELATED_LIMIT = 4;

interface RelatedReport {
  slug: string;
  headline: string;
  publishedOn: string;
  sourceName: string;
  /** Language of `headline`: the page's, or the original's when there is no translation. */
  textLanguage: string;
  /** People and organisations this report shares with the article. */
  shared: number;
}

interface NextStory {
  story: Story;
  /** The week the story is in (the next story may be the top one of the previous week). */
  week: string;
}

export interface ArticlePageData {
  article: Article;
  /** The article's story in its week's summary in this edition, if the week has one. */
  story: Story | null;
  next: NextStory | null;
  related: RelatedReport[];
}

const documentOf = (slug: string) => sql`(SELECT ${documents.id} FROM ${documents} WHERE ${documents.slug} = ${slug})`;
const weekOf = (slug: string) => sql`(SELECT ${documents.isoWeek} FROM ${documents} WHERE ${documents.slug} = ${slug})`;

/**
 * The story whose sources include the article, and the story after it, picked out of the
 * summary's JSON by SQLite, so that D1 sends two stories, not a busy week's whole summary.
 */
function storyStatement(db: Database, slug: string, edition: Edition) {
  // drizzle cannot map a raw db.all() inside a batch: a select over SQL sources instead.
  return db
    .select({
      story: sql<string>`s.value`,
      next: sql<string | null>`json_extract(w.content, '$.stories[' || (s.key + 1) || ']')`,
    })
    .from(sql`weekly_summaries w, json_each(w.content, '$.stories') s`)
    .where(
      sql`w.week = ${weekOf(slug)} AND w.lang = ${edition} AND EXISTS (SELECT 1 FROM json_each(s.value, '$.sources') src WHERE json_extract(src.value, '$.slug') = ${slug})`,
    )
    .limit(1);
}

/** The top story of the nearest earlier week: what follows the last story of a week. */
function earlierTopStatement(db: Database, slug: string, edition: Edition) {
  return db
    .select({
      week: weeklySummaries.week,
      story: sql<string | null>`json_extract(${weeklySummaries.content}, '$.stories[0]')`,
    })
    .from(weeklySummaries)
    .where(and(eq(weeklySummaries.lang, edition), lt(weeklySummaries.week, weekOf(slug))))
    .orderBy(desc(weeklySummaries.week))
    .limit(1);
}

const mine = alias(documentEntities, 'mine');
const other = alias(documentEntities, 'other');
const wanted = alias(translations, 'wanted');
const original = alias(translations, 'original');

/**
 * Live reports naming the same people or organisations (places are left out: nearly every
 * report names Uzbekistan and Japan), the most shared first. Index lookups on
 * document_entities by entity.
 */
function relatedStatement(db: Database, slug: string, lang: ContentLanguage) {
  const shared = sql<number>`count(*)`;
  return db
    .select({
      slug: documents.slug,
      headline: sql<string>`coalesce(${wanted.headline}, ${original.headline})`,
      publishedOn: documents.publishedOn,
      sourceName: documents.sourceName,
      textLanguage: sql<string>`coalesce(${wanted.lang}, ${documents.originalLanguage})`,
      shared,
    })
    .from(mine)
    .innerJoin(entities, and(eq(entities.id, mine.entityId), ne(entities.kind, 'place')))
    .innerJoin(other, and(eq(other.entityId, mine.entityId), ne(other.documentId, mine.documentId)))
    .innerJoin(documents, and(eq(documents.id, other.documentId), isLive))
    .leftJoin(wanted, and(eq(wanted.documentId, documents.id), eq(wanted.lang, lang)))
    .leftJoin(original, and(eq(original.documentId, documents.id), eq(original.lang, documents.originalLanguage)))
    .where(eq(mine.documentId, documentOf(slug)))
    .groupBy(documents.id)
    .orderBy(desc(shared), desc(documents.publishedOn), desc(documents.id))
    .limit(RELATED_LIMIT + 4);
}

export async function getArticlePage(
  db: Database,
  slug: string,
  edition: Edition,
  lang: ContentLanguage,
): Promise<ArticlePageData | null> {
  const [docs, texts, topics, entities, summaries, sources, provenance, storyRows, earlierRows, relatedRows] =
    await readPageBatch(db, [
      ...articleStatements(db, slug),
      storyStatement(db, slug, edition),
      earlierTopStatement(db, slug, edition),
      relatedStatement(db, slug, lang),
    ]);
  const article = toArticle([docs, texts, topics, entities, summaries, sources, provenance]);
  if (!article) return null;
  const found = storyRows[0];
  const story = found ? (JSON.parse(found.story) as Story) : null;
  const earlier = earlierRows[0];
  let next: NextStory | null = null;
  if (found?.next) next = { story: JSON.parse(found.next) as Story, week: article.isoWeek };
  else if (earlier?.story) next = { story: JSON.parse(earlier.story) as Story, week: earlier.week };
  // Reports of the same story are listed as "also reported by", not again as related.
  const sameStory = new Set(story?.sources.map((source) => source.slug) ?? []);
  const related = relatedRows.filter((row) => !sameStory.has(row.slug)).slice(0, RELATED_LIMIT);
  return { article, story, next, related };
}
