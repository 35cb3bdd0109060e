/**
 * What the editors' desk reads: its queue (what needs a person), in one D1 batch. Writes go
 * through workflows/editorial/ like every other change.
 */
import type { Database } from './client.ts';

/** Rows shown per kind; the counts are exact. */
export const QUEUE_ROWS = 50;

export interface MachineDraftRow {
  documentId: number;
  lang: string;
  headline: string;
  publishedOn: string;
}

export interface FailedRunRow {
  kind: 'cron' | 'queue';
  key: string;
  at: string;
  error: string;
  detail: string;
}

export interface DeskQueue {
  machineDrafts: { count: number; rows: MachineDraftRow[] };
  failedRuns: { count: number; rows: FailedRunRow[] };
}

/**
 * Machine translations not yet reviewed (newest documents first) and the cron runs and queue
 * tasks that ended in an error, newest first. The drafts' count uses the translations' origin
 * over live documents (a scan of translations: the desk is rare traffic, not a reader page).
 */
export async function readDeskQueue(db: Database): Promise<DeskQueue> {
  const d1 = db.$client;
  const [draftCount, drafts, runCount, runs] = await d1.batch([
    d1.prepare(
      `SELECT count(*) AS n FROM translations t JOIN documents d ON d.id = t.document_id
       WHERE t.origin = 'machine' AND d.deleted_at IS NULL`,
    ),
    d1
      .prepare(
        `SELECT d.id AS documentId, t.lang, t.headline, d.published_on AS publishedOn
         FROM translations t JOIN documents d ON d.id = t.document_id
         WHERE t.origin = 'machine' AND d.deleted_at IS NULL
         ORDER BY d.published_on DESC, d.id DESC, t.lang LIMIT ?1`,
      )
      .bind(QUEUE_ROWS),
    d1.prepare(
      `SELECT (SELECT count(*) FROM cron_runs WHERE status = 'error')
            + (SELECT count(*) FROM rebuild_tasks WHERE status = 'failed') AS n`,
    ),
    d1
      .prepare(
        `SELECT 'cron' AS kind, scheduled_time AS key, coalesce(ended_at, started_at) AS at,
                coalesce(error, '') AS error, cron AS detail
         FROM cron_runs WHERE status = 'error'
         UNION ALL
         SELECT 'queue', run_key, updated_at, coalesce(error, ''), week || ' ' || lang
         FROM rebuild_tasks WHERE status = 'failed'
         ORDER BY at DESC LIMIT ?1`,
      )
      .bind(QUEUE_ROWS),
  ]);
  return {
    machineDrafts: {
      count: (draftCount?.results[0] as { n: number } | undefined)?.n ?? 0,
      rows: (drafts?.results ?? []) as MachineDraftRow[],
    },
    failedRuns: {
      count: (runCount?.results[0] as { n: number } | undefined)?.n ?? 0,
      rows: (runs?.results ?? []) as FailedRunRow[],
    },
  };
}

export interface RevisionWithData {
  lang: string;
  number: number;
  action: string;
  author: string;
  createdAt: string;
  data: string;
}

/** Every revision of a document with its state, per language in order: the history page. */
export async function listRevisionsWithData(db: Database, id: number): Promise<RevisionWithData[]> {
  const { results } = await db.$client
    .prepare(
      `SELECT lang, number, action, author, created_at AS createdAt, data FROM revisions
       WHERE document_id = ?1 ORDER BY lang, number`,
    )
    .bind(id)
    .all<RevisionWithData>();
  return results;
}
