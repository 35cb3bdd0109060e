/**
 * What the editors' desk reads: its queue (what needs a person) and a document with where it
 * came from, each in one D1 batch. Writes go through workflows/ like every other change.
 */
import type { Database } from './client.ts';
import { documentStateStatements, toDocumentState, type DocumentState } from './editorial.ts';
import type { ProvenanceInput } from './sources.ts';
import type { TranslationFlag } from './translation-flags.ts';

/** Rows shown per kind; the counts are exact. */
const QUEUE_ROWS = 50;

interface MachineDraftRow {
  documentId: number;
  lang: string;
  headline: string;
  publishedOn: string;
}

interface FailedRunRow {
  kind: 'cron' | 'queue';
  key: string;
  at: string;
  error: string;
  detail: string;
}

/** A machine translation its guards rejected: the edition still has no text. */
interface RejectedTranslationRow {
  documentId: number;
  lang: string;
  headline: string;
  problem: string;
  at: string;
}

/** A feed item whose page gave no text (nothing was stored). */
interface NoTextRow {
  sourceId: number;
  sourceName: string;
  url: string;
  at: string;
}

/** A new document much like another one, but not enough to be linked to it unseen. */
interface PossibleDuplicateRow {
  documentId: number;
  headline: string;
  similarTo: number;
  similarHeadline: string;
  overlap: number;
  at: string;
}

interface FailingSourceRow {
  sourceId: number;
  name: string;
  error: string;
  failures: number;
  enabled: number;
  at: string | null;
}

interface QueueKind<Row> {
  count: number;
  rows: Row[];
}

export interface DeskQueue {
  machineDrafts: QueueKind<MachineDraftRow>;
  rejectedTranslations: QueueKind<RejectedTranslationRow>;
  noText: QueueKind<NoTextRow>;
  possibleDuplicates: QueueKind<PossibleDuplicateRow>;
  failingSources: QueueKind<FailingSourceRow>;
  failedRuns: QueueKind<FailedRunRow>;
}

/** Rows that carry their kind's total (`count(*) OVER ()`, computed before LIMIT): one statement a kind. */
function countedRows<Row>(result: D1Result | undefined): QueueKind<Row> {
  const rows = (result?.results ?? []) as (Row & { total: number })[];
  return { count: rows[0]?.total ?? 0, rows };
}

/**
 * Each kind newest first, with its exact count: machine translations not yet reviewed;
 * machine translations rejected by their guards whose edition still has no text (writing it
 * resolves the row); feed items that gave no text; new documents flagged as possible
 * duplicates (unpublishing one resolves it); sources whose last polls failed (re-enabling or
 * a good poll resets them); cron runs and queue tasks that ended in an error. These are scans
 * of small tables or of translations: the desk is rare traffic, not a reader page.
 */
export async function readDeskQueue(db: Database): Promise<DeskQueue> {
  const d1 = db.$client;
  const [draftCount, drafts, runCount, runs, rejected, noText, duplicates, failing] = await d1.batch([
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
    d1
      .prepare(
        `SELECT f.document_id AS documentId, f.lang, t.headline, f.problem, f.flagged_at AS at, count(*) OVER () AS total
         FROM translation_flags f JOIN documents d ON d.id = f.document_id
         JOIN translations t ON t.document_id = d.id AND t.lang = d.original_language
         WHERE d.deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM translations x WHERE x.document_id = f.document_id AND x.lang = f.lang)
         ORDER BY f.flagged_at DESC, f.document_id DESC LIMIT ?1`,
      )
      .bind(QUEUE_ROWS),
    d1
      .prepare(
        `SELECT i.source_id AS sourceId, s.name AS sourceName, i.url, i.seen_at AS at, count(*) OVER () AS total
         FROM source_items i JOIN sources s ON s.id = i.source_id WHERE i.outcome = 'no_text'
         ORDER BY i.seen_at DESC, i.url LIMIT ?1`,
      )
      .bind(QUEUE_ROWS),
    d1
      .prepare(
        `SELECT f.document_id AS documentId, t.headline, f.similar_to AS similarTo, st.headline AS similarHeadline,
                f.overlap, f.flagged_at AS at, count(*) OVER () AS total
         FROM duplicate_flags f
         JOIN documents d ON d.id = f.document_id
         JOIN translations t ON t.document_id = d.id AND t.lang = d.original_language
         JOIN documents o ON o.id = f.similar_to
         JOIN translations st ON st.document_id = o.id AND st.lang = o.original_language
         WHERE d.deleted_at IS NULL AND o.deleted_at IS NULL
         ORDER BY f.flagged_at DESC, f.document_id DESC LIMIT ?1`,
      )
      .bind(QUEUE_ROWS),
    d1
      .prepare(
        `SELECT id AS sourceId, name, coalesce(last_error, '') AS error, consecutive_failures AS failures, enabled,
                last_polled_at AS at, count(*) OVER () AS total
         FROM sources WHERE consecutive_failures > 0
         ORDER BY last_polled_at DESC, id LIMIT ?1`,
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
    rejectedTranslations: countedRows<RejectedTranslationRow>(rejected),
    noText: countedRows<NoTextRow>(noText),
    possibleDuplicates: countedRows<PossibleDuplicateRow>(duplicates),
    failingSources: countedRows<FailingSourceRow>(failing),
  };
}

/** Where an ingested document came from (document_provenance), with its source's name. */
type Provenance = Omit<ProvenanceInput, 'documentId' | 'originalCyrillic'> & { sourceName: string };

export interface DeskDocument {
  state: DocumentState;
  /** Null for a document an editor entered. */
  provenance: Provenance | null;
  rejectedTranslations: TranslationFlag[];
  possibleDuplicate: { similarTo: number; overlap: number } | null;
}

/** The document page: the document as an editor sees it, its provenance and its flags, one batch. */
export async function readDeskDocument(db: Database, id: number): Promise<DeskDocument | null> {
  const d1 = db.$client;
  const stateStatements = documentStateStatements(d1, id);
  const results = await d1.batch([
    ...stateStatements,
    d1
      .prepare(
        `SELECT p.source_id AS sourceId, s.name AS sourceName, p.item_guid AS itemGuid, p.item_url AS itemUrl,
                p.fetched_at AS fetchedAt, p.raw_hash AS rawHash, p.rights, p.author, p.lead_image_url AS leadImageUrl,
                p.lead_image_credit AS leadImageCredit
         FROM document_provenance p JOIN sources s ON s.id = p.source_id WHERE p.document_id = ?1`,
      )
      .bind(id),
    d1
      .prepare(
        `SELECT document_id AS documentId, lang, problem, model, flagged_at AS at FROM translation_flags f
         WHERE document_id = ?1
           AND NOT EXISTS (SELECT 1 FROM translations x WHERE x.document_id = f.document_id AND x.lang = f.lang)
         ORDER BY lang`,
      )
      .bind(id),
    d1.prepare('SELECT similar_to AS similarTo, overlap FROM duplicate_flags WHERE document_id = ?1').bind(id),
  ]);
  const state = toDocumentState(results.slice(0, stateStatements.length));
  if (!state) return null;
  const [provenance, flags, duplicate] = results.slice(stateStatements.length);
  return {
    state,
    provenance: (provenance?.results[0] as Provenance | undefined) ?? null,
    rejectedTranslations: (flags?.results ?? []) as TranslationFlag[],
    possibleDuplicate: (duplicate?.results[0] as DeskDocument['possibleDuplicate'] | undefined) ?? null,
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
