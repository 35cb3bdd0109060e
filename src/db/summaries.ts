/** Queries behind the weekly summaries: what to rebuild, the week's documents, atomic writes, the run log. */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Block } from '../services/ingest.ts';
import type { WeekDocument } from '../services/weekly-summary.ts';
import type { Database } from './client.ts';
import {
  cronRuns,
  documentEntities,
  documents,
  documentTopics,
  entities,
  translations,
  weeklySummaries,
  type CronRunRow,
  type WeeklySummaryRow,
} from './schema.ts';

/** Per week with documents: the ordered content hashes of its documents (the rebuild fingerprint). */
export async function listWeekFingerprints(db: Database): Promise<Map<string, string>> {
  const rows = await db.all<{ week: string; hashes: string }>(
    sql`SELECT iso_week AS week, group_concat(content_hash, ',') AS hashes
        FROM (SELECT iso_week, content_hash FROM documents WHERE deleted_at IS NULL ORDER BY iso_week, id)
        GROUP BY iso_week`,
  );
  return new Map(rows.map((row) => [row.week, row.hashes]));
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
    const blocks = JSON.parse(text.body) as Block[];
    const doc = byId.get(text.documentId);
    if (doc) {
      doc.texts[text.lang] = {
        headline: text.headline,
        paragraphs: blocks.filter((block) => block.kind === 'p').map((block) => block.text),
      };
    }
  }
  for (const row of topicRows) byId.get(row.documentId)?.topics.push(row.topicId);
  for (const row of entityRows) byId.get(row.documentId)?.entities.push(row);
  return [...byId.values()];
}

export type SummaryWrite = Omit<WeeklySummaryRow, 'firstPublishedAt'> & { firstPublishedAt: string };

/**
 * Writes every language of a week in one batch: D1 runs a batch as one transaction, so a
 * failure leaves the previous summaries whole. A row whose content did not change is not
 * touched at all; `first_published_at` is never overwritten.
 */
/** Removes a week's summaries once it has no documents left (all deleted by editors). */
export async function deleteWeekSummaries(db: Database, week: string): Promise<number> {
  const result = (await db.delete(weeklySummaries).where(eq(weeklySummaries.week, week))) as unknown as {
    meta?: { changes?: number };
  };
  return result.meta?.changes ?? 0;
}

export async function writeWeekSummaries(db: Database, rows: SummaryWrite[]): Promise<number> {
  if (rows.length === 0) return 0;
  const statements = rows.map((row) =>
    db
      .insert(weeklySummaries)
      .values(row)
      .onConflictDoUpdate({
        target: [weeklySummaries.week, weeklySummaries.lang],
        set: {
          title: sql`excluded.title`,
          summaryText: sql`excluded.summary_text`,
          content: sql`excluded.content`,
          sourceHash: sql`excluded.source_hash`,
          updatedAt: sql`CASE WHEN ${weeklySummaries.contentHash} IS NOT excluded.content_hash THEN excluded.updated_at ELSE ${weeklySummaries.updatedAt} END`,
          contentHash: sql`excluded.content_hash`,
        },
        setWhere: sql`${weeklySummaries.contentHash} IS NOT excluded.content_hash OR ${weeklySummaries.sourceHash} IS NOT excluded.source_hash`,
      }),
  );
  const results = (await db.batch(statements as [(typeof statements)[0], ...typeof statements])) as unknown as {
    meta?: { changes?: number };
  }[];
  return results.reduce((sum, result) => sum + (result.meta?.changes ?? 0), 0);
}

export async function getWeekSummary(db: Database, week: string, lang: string): Promise<WeeklySummaryRow | undefined> {
  const rows = await db
    .select()
    .from(weeklySummaries)
    .where(and(eq(weeklySummaries.week, week), eq(weeklySummaries.lang, lang)));
  return rows[0];
}

export async function listWeekSummaries(
  db: Database,
  lang: string,
  limit: number,
): Promise<
  Pick<
    WeeklySummaryRow,
    'week' | 'title' | 'summaryText' | 'content' | 'contentHash' | 'firstPublishedAt' | 'updatedAt'
  >[]
> {
  return db
    .select({
      week: weeklySummaries.week,
      title: weeklySummaries.title,
      summaryText: weeklySummaries.summaryText,
      content: weeklySummaries.content,
      contentHash: weeklySummaries.contentHash,
      firstPublishedAt: weeklySummaries.firstPublishedAt,
      updatedAt: weeklySummaries.updatedAt,
    })
    .from(weeklySummaries)
    .where(eq(weeklySummaries.lang, lang))
    .orderBy(desc(weeklySummaries.week))
    .limit(limit);
}

/** Records the start of a run; a retry of the same scheduled time reuses (and counts on) its row. */
export async function startRun(db: Database, scheduledTime: string, cron: string, startedAt: string): Promise<void> {
  await db
    .insert(cronRuns)
    .values({ scheduledTime, cron, startedAt, status: 'running' })
    .onConflictDoUpdate({
      target: cronRuns.scheduledTime,
      set: { startedAt, status: 'running', endedAt: null, error: null, attempts: sql`${cronRuns.attempts} + 1` },
    });
}

export async function finishRun(
  db: Database,
  scheduledTime: string,
  outcome: { status: 'ok' | 'error'; endedAt: string; weeksRebuilt: string[]; error?: string },
): Promise<void> {
  await db
    .update(cronRuns)
    .set({
      status: outcome.status,
      endedAt: outcome.endedAt,
      weeksRebuilt: JSON.stringify(outcome.weeksRebuilt),
      error: outcome.error ?? null,
    })
    .where(eq(cronRuns.scheduledTime, scheduledTime));
}

export async function listRecentRuns(db: Database, limit = 10): Promise<CronRunRow[]> {
  return db.select().from(cronRuns).orderBy(desc(cronRuns.startedAt), desc(cronRuns.id)).limit(limit);
}
