/**
 * The weekly summaries' repository: what each week is made of (fingerprints, documents), the
 * atomic summary writes, and the page reads of the stored summaries. The run log and the queue's
 * task bookkeeping are in db/runs.ts; the rules (which weeks, how built) in workflows/summaries/.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteSelect } from 'drizzle-orm/sqlite-core';
import type { WeekDocument, WeeklySummaryContent } from '../services/weekly-summary.ts';
import type { Database } from './client.ts';
import {
  documentEntities,
  documents,
  documentTopics,
  entities,
  translations,
  weeklySummaries,
  type WeeklySummaryRow,
} from './schema.ts';
import { readPageBatch } from './session.ts';

/** Per week with documents: the ordered content hashes of its documents (the rebuild fingerprint). */
export async function listWeekFingerprints(db: Database): Promise<Map<string, string>> {
  const rows = await db.all<{ week: string; hashes: string }>(
    sql`SELECT iso_week AS week, group_concat(content_hash, ',') AS hashes
        FROM (SELECT iso_week, content_hash FROM documents WHERE deleted_at IS NULL ORDER BY iso_week, id)
        GROUP BY iso_week`,
  );
  return new Map(rows.map((row) => [row.week, row.hashes]));
}

/** The fingerprint of one week's live documents, as listWeekFingerprints computes it for all. */
export async function getWeekFingerprint(db: Database, week: string): Promise<string> {
  const row = await db.$client
    .prepare(
      `SELECT group_concat(content_hash, ',') AS hashes FROM
         (SELECT content_hash FROM documents WHERE iso_week = ?1 AND deleted_at IS NULL ORDER BY id)`,
    )
    .bind(week)
    .first<{ hashes: string | null }>();
  return row?.hashes ?? '';
}

export async function listSummaryStates(db: Database): Promise<{ week: string; lang: string; sourceHash: string }[]> {
  return db
    .select({ week: weeklySummaries.week, lang: weeklySummaries.lang, sourceHash: weeklySummaries.sourceHash })
    .from(weeklySummaries);
}

/** Everything the summary of one week needs, in one batch (one round trip). */
export async function loadWeekDocuments(db: Database, week: string): Promise<WeekDocument[]> {
  const inWeek = and(eq(documents.isoWeek, week), isNull(documents.deletedAt));
  const ids = db.select({ id: documents.id }).from(documents).where(inWeek);
  const [docs, texts, topicRows, entityRows] = await db.batch([
    db.select().from(documents).where(inWeek).orderBy(asc(documents.id)),
    db
      .select({
        documentId: translations.documentId,
        lang: translations.lang,
        headline: translations.headline,
        body: translations.body,
        origin: translations.origin,
      })
      .from(translations)
      .where(inArray(translations.documentId, ids)),
    db
      .select({ documentId: documentTopics.documentId, topicId: documentTopics.topicId })
      .from(documentTopics)
      .where(inArray(documentTopics.documentId, ids))
      .orderBy(asc(documentTopics.documentId), asc(documentTopics.position)),
    db
      .select({
        documentId: documentEntities.documentId,
        slug: entities.slug,
        kind: entities.kind,
        mentions: documentEntities.mentions,
      })
      .from(documentEntities)
      .innerJoin(entities, eq(entities.id, documentEntities.entityId))
      .where(inArray(documentEntities.documentId, ids))
      .orderBy(asc(documentEntities.documentId), asc(entities.slug)),
  ]);
  const byId = new Map<number, WeekDocument>(
    docs.map((doc) => [
      doc.id,
      {
        id: doc.id,
        slug: doc.slug,
        sourceName: doc.sourceName,
        sourceUrl: doc.sourceUrl,
        publishedOn: doc.publishedOn,
        originalLanguage: doc.originalLanguage,
        headlineIsEditorial: doc.headlineIsEditorial,
        topics: [],
        entities: [],
        texts: {},
      },
    ]),
  );
  for (const text of texts) {
    const blocks = text.body;
    const doc = byId.get(text.documentId);
    if (doc) {
      doc.texts[text.lang] = {
        headline: text.headline,
        paragraphs: blocks.filter((block) => block.kind === 'p').map((block) => block.text),
        machine: text.origin === 'machine',
      };
    }
  }
  for (const row of topicRows) byId.get(row.documentId)?.topics.push(row.topicId);
  for (const row of entityRows) byId.get(row.documentId)?.entities.push(row);
  return [...byId.values()];
}

/**
 * A summary as a build made it. `firstPublishedAt` is its publication time, written only with
 * the row's first insert; `builtAt` becomes `updated_at` only when the content changed.
 */
export type SummaryWrite = Omit<WeeklySummaryRow, 'updatedAt'> & { builtAt: string };

/** A statement that can join a D1 batch (one transaction) with a summary write. */
export type BatchStatement = BatchItem<'sqlite'>;

type NonEmpty<T> = [T, ...T[]];

/** D1 result metadata, which drizzle's batch typing does not expose. */
function changesOf(result: unknown): number {
  return (result as { meta?: { changes?: number } } | undefined)?.meta?.changes ?? 0;
}

/**
 * Removes a week's summaries once it has no documents left (all deleted by editors): every
 * edition, or only `lang` (the queue's consumer builds one edition per message). `after` runs
 * in the same batch, so the consumer records its task only if the delete happened.
 */
export async function deleteWeekSummaries(
  db: Database,
  week: string,
  lang?: string,
  after: readonly BatchStatement[] = [],
): Promise<number> {
  const where =
    lang === undefined
      ? eq(weeklySummaries.week, week)
      : and(eq(weeklySummaries.week, week), eq(weeklySummaries.lang, lang));
  const statements: NonEmpty<BatchStatement> = [db.delete(weeklySummaries).where(where), ...after];
  const results = await db.batch(statements);
  return changesOf(results[0]);
}

/**
 * Writes summaries (every language of a week inline, one per queue message) in one batch: D1
 * runs a batch as one transaction, so a failure leaves the previous summaries whole. A row
 * whose content did not change is not touched at all; `first_published_at` is never
 * overwritten. `after` joins the same transaction (the consumer's task bookkeeping); the count
 * returned is of summary rows only.
 */
export async function writeWeekSummaries(
  db: Database,
  rows: SummaryWrite[],
  after: readonly BatchStatement[] = [],
): Promise<number> {
  const statements: BatchStatement[] = rows.map(({ builtAt, ...row }) =>
    db
      .insert(weeklySummaries)
      // A new summary has not changed since it was published; a backfilled one built today is
      // still dated when it was due.
      .values({ ...row, updatedAt: row.firstPublishedAt })
      .onConflictDoUpdate({
        target: [weeklySummaries.week, weeklySummaries.lang],
        set: {
          title: sql`excluded.title`,
          summaryText: sql`excluded.summary_text`,
          content: sql`excluded.content`,
          sourceHash: sql`excluded.source_hash`,
          // Moves only with the content, and never before the publication time.
          updatedAt: sql`CASE WHEN ${weeklySummaries.contentHash} IS NOT excluded.content_hash THEN max(${builtAt}, ${weeklySummaries.firstPublishedAt}) ELSE ${weeklySummaries.updatedAt} END`,
          contentHash: sql`excluded.content_hash`,
        },
        setWhere: sql`${weeklySummaries.contentHash} IS NOT excluded.content_hash OR ${weeklySummaries.sourceHash} IS NOT excluded.source_hash`,
      }),
  );
  statements.push(...after);
  if (statements.length === 0) return 0;
  const results = await db.batch(statements as NonEmpty<BatchStatement>);
  return results.slice(0, rows.length).reduce((sum: number, result) => sum + changesOf(result), 0);
}

// The page reads below are batches of one (readPageBatch): the edge cache's content-version read
// joins a page's batch instead of costing a round trip of its own (db/session.ts).

export async function getWeekSummary(db: Database, week: string, lang: string): Promise<WeeklySummaryRow | undefined> {
  const [rows] = await readPageBatch(db, [
    db
      .select()
      .from(weeklySummaries)
      .where(and(eq(weeklySummaries.week, week), eq(weeklySummaries.lang, lang))),
  ]);
  return rows[0];
}

/** An edition's newest weeks first, on the (lang, week) index (Drizzle's dynamic query pattern). */
function newestWeeksOf<Query extends SQLiteSelect>(query: Query, lang: string, limit: number): Query {
  return query.where(eq(weeklySummaries.lang, lang)).orderBy(desc(weeklySummaries.week)).limit(limit);
}

const WEEK_HEADING = {
  week: weeklySummaries.week,
  title: weeklySummaries.title,
  summaryText: weeklySummaries.summaryText,
  updatedAt: weeklySummaries.updatedAt,
};

/**
 * When the content version last moved (migration 0007): a list's Last-Modified must not go back
 * when its newest row is deleted. One row by primary key; site_state is not in the Drizzle
 * schema (migration 0004 made it), hence the SQL source.
 */
function selectChangedAt(db: Database) {
  return db
    .select({ changedAt: sql<string | null>`changed_at` })
    .from(sql`site_state`)
    .where(sql`id = 1`);
}

export interface ArchiveWeek extends Pick<WeeklySummaryRow, 'week' | 'title' | 'summaryText' | 'updatedAt'> {
  /** The week's top story (stories are stored ranked), or null for a week without one. */
  topHeadline: string | null;
  storyCount: number;
}

/**
 * The archive: each week's title, one-line summary and top headline, newest first, and when
 * the content last changed. SQLite picks the one headline out of the stored JSON, so D1 never
 * sends the content itself.
 */
export async function listWeekArchive(
  db: Database,
  lang: string,
  limit: number,
): Promise<{ weeks: ArchiveWeek[]; changedAt: string | null }> {
  const fields = {
    ...WEEK_HEADING,
    topHeadline: sql<string | null>`json_extract(${weeklySummaries.content}, '$.stories[0].headline')`,
    storyCount: sql<number>`json_array_length(${weeklySummaries.content}, '$.stories')`,
  };
  const [weeks, state] = await readPageBatch(db, [
    newestWeeksOf(db.select(fields).from(weeklySummaries).$dynamic(), lang, limit),
    selectChangedAt(db),
  ]);
  return { weeks, changedAt: state[0]?.changedAt ?? null };
}

export interface FeedWeekRow extends Pick<
  WeeklySummaryRow,
  'week' | 'title' | 'summaryText' | 'firstPublishedAt' | 'updatedAt'
> {
  /** The stored summary with its first `storyLimit` stories only. */
  summary: WeeklySummaryContent;
  /** How many stories the week has. */
  storyTotal: number;
}

/**
 * The newest weeks for a feed, each with its top `storyLimit` stories only. SQLite trims the
 * stored JSON: a busy week's content is about 150 KB and a feed item shows a tenth of it, so
 * D1 sends, and the Worker parses, a tenth of the bytes. The stories are picked by index with
 * json_extract rather than walked with json_each, whose rows D1 would count (and bill) as rows
 * read; a week with fewer stories gets nulls in their place, which are dropped here.
 */
export async function listFeedWeeks(
  db: Database,
  lang: string,
  limit: number,
  storyLimit: number,
): Promise<{ weeks: FeedWeekRow[]; changedAt: string | null }> {
  const content = weeklySummaries.content;
  const top = sql.join(
    Array.from({ length: storyLimit }, (_, i) => sql`json_extract(${content}, ${`$.stories[${i}]`})`),
    sql`, `,
  );
  const fields = {
    ...WEEK_HEADING,
    content: sql<string>`json_set(${content}, '$.stories', json_array(${top}))`,
    storyTotal: sql<number>`json_array_length(${content}, '$.stories')`,
    firstPublishedAt: weeklySummaries.firstPublishedAt,
  };
  const [rows, state] = await readPageBatch(db, [
    newestWeeksOf(db.select(fields).from(weeklySummaries).$dynamic(), lang, limit),
    selectChangedAt(db),
  ]);
  const weeks = rows.map(({ content: trimmed, ...row }) => {
    const summary = JSON.parse(trimmed) as WeeklySummaryContent;
    summary.stories = summary.stories.filter((story) => story !== null);
    return { ...row, summary };
  });
  return { weeks, changedAt: state[0]?.changedAt ?? null };
}
