/**
 * The sources registry and what polling records (migration 0008). Each poll ends with one
 * guarded batch (`recordPollStatements`): the source's health and counters, and every item it
 * looked at (`INSERT … ON CONFLICT DO NOTHING`, so a redelivered queue message or an
 * overlapping cron records an item once).
 */
import type { Database } from './client.ts';
import type { SourceRow } from './schema.ts';

export type SourceLanguage = 'en' | 'uz' | 'uz-Cyrl' | 'ja' | 'ru';
export type RightsPolicy = 'full' | 'excerpt' | 'headline';
export const SOURCE_LANGUAGES = ['en', 'uz', 'uz-Cyrl', 'ja', 'ru'] as const;
export const RIGHTS_POLICIES = ['full', 'excerpt', 'headline'] as const;

export interface SourceInput {
  name: string;
  feedUrl: string;
  homepage?: string | null | undefined;
  language: SourceLanguage;
  rights?: RightsPolicy | undefined;
  enabled?: boolean | undefined;
  alwaysRelevant?: boolean | undefined;
  note?: string | null | undefined;
}

export class SourceExistsError extends Error {
  override name = 'SourceExistsError';
}

interface SourceRecord {
  id: number;
  name: string;
  feed_url: string;
  homepage: string | null;
  language: SourceLanguage;
  rights: RightsPolicy;
  always_relevant: number;
  enabled: number;
  note: string | null;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  last_status: number | null;
  last_error: string | null;
  consecutive_failures: number;
  next_poll_at: string | null;
  items_seen: number;
  items_accepted: number;
  items_skipped: number;
  created_at: string;
  updated_at: string;
}

export type Source = Omit<SourceRow, 'language' | 'rights'> & { language: SourceLanguage; rights: RightsPolicy };

function toSource(row: SourceRecord): Source {
  return {
    id: row.id,
    name: row.name,
    feedUrl: row.feed_url,
    homepage: row.homepage,
    language: row.language,
    rights: row.rights,
    alwaysRelevant: row.always_relevant === 1,
    enabled: row.enabled === 1,
    note: row.note,
    etag: row.etag,
    lastModified: row.last_modified,
    lastPolledAt: row.last_polled_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
    consecutiveFailures: row.consecutive_failures,
    nextPollAt: row.next_poll_at,
    itemsSeen: row.items_seen,
    itemsAccepted: row.items_accepted,
    itemsSkipped: row.items_skipped,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The bound values of INSERT_SOURCE, in its column order. */
function sourceValues(input: SourceInput, at: string): unknown[] {
  return [
    input.name,
    input.feedUrl,
    input.homepage ?? null,
    input.language,
    input.rights ?? 'excerpt',
    input.enabled === false ? 0 : 1,
    input.alwaysRelevant ? 1 : 0,
    input.note ?? null,
    at,
  ];
}

const INSERT_SOURCE = `INSERT INTO sources (name, feed_url, homepage, language, rights, enabled, always_relevant, note, created_at, updated_at)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)`;

export async function listSources(db: Database): Promise<Source[]> {
  const { results } = await db.$client.prepare('SELECT * FROM sources ORDER BY id').all<SourceRecord>();
  return results.map(toSource);
}

export async function getSource(db: Database, id: number): Promise<Source | null> {
  const row = await db.$client.prepare('SELECT * FROM sources WHERE id = ?1').bind(id).first<SourceRecord>();
  return row ? toSource(row) : null;
}

/** Enabled sources whose next poll time has come, the longest-waiting first. */
export async function listDueSources(db: Database, now: string, limit: number): Promise<Source[]> {
  const { results } = await db.$client
    .prepare(
      `SELECT * FROM sources WHERE enabled = 1 AND (next_poll_at IS NULL OR next_poll_at <= ?1)
       ORDER BY coalesce(next_poll_at, '') LIMIT ?2`,
    )
    .bind(now, limit)
    .all<SourceRecord>();
  return results.map(toSource);
}

/** Adds a source; `SourceExistsError` when its feed URL is registered already. */
export async function insertSource(db: Database, input: SourceInput, at: string): Promise<Source> {
  try {
    const row = await db.$client
      .prepare(`${INSERT_SOURCE} RETURNING *`)
      .bind(...sourceValues(input, at))
      .first<SourceRecord>();
    if (!row) throw new Error('the source was not inserted');
    return toSource(row);
  } catch (error) {
    if (error instanceof Error && error.message.includes('UNIQUE constraint failed: sources.feed_url')) {
      throw new SourceExistsError(`${input.feedUrl} is registered already`);
    }
    throw error;
  }
}

/**
 * Inserts the sources of the versioned registry that are not there yet (by feed URL), leaving
 * alone every source an operator has since edited, disabled or added; one batch.
 */
export async function seedSources(db: Database, inputs: readonly SourceInput[], at: string): Promise<number> {
  if (inputs.length === 0) return 0;
  const d1 = db.$client;
  const results = await d1.batch(
    inputs.map((input) =>
      d1.prepare(`${INSERT_SOURCE} ON CONFLICT (feed_url) DO NOTHING`).bind(...sourceValues(input, at)),
    ),
  );
  return results.reduce((sum, result) => sum + (result.meta.changes ?? 0), 0);
}

export async function updateSource(
  db: Database,
  id: number,
  patch: Partial<SourceInput>,
  at: string,
): Promise<Source | null> {
  const columns: Record<string, unknown> = {
    name: patch.name,
    feed_url: patch.feedUrl,
    homepage: patch.homepage,
    language: patch.language,
    rights: patch.rights,
    note: patch.note,
    enabled: patch.enabled === undefined ? undefined : patch.enabled ? 1 : 0,
    always_relevant: patch.alwaysRelevant === undefined ? undefined : patch.alwaysRelevant ? 1 : 0,
  };
  const set = Object.entries(columns).filter(([, value]) => value !== undefined);
  // Re-enabling a source also forgets its failures, so it is polled at the next cron.
  const reset = patch.enabled === true ? ', consecutive_failures = 0, next_poll_at = NULL' : '';
  const assignments = set.map(([column], index) => `${column} = ?${index + 2}`).join(', ');
  try {
    const row = await db.$client
      .prepare(
        `UPDATE sources SET ${assignments}${assignments ? ', ' : ''}updated_at = ?${set.length + 2}${reset}
         WHERE id = ?1 RETURNING *`,
      )
      .bind(id, ...set.map(([, value]) => value), at)
      .first<SourceRecord>();
    return row ? toSource(row) : null;
  } catch (error) {
    if (error instanceof Error && error.message.includes('UNIQUE constraint failed: sources.feed_url')) {
      throw new SourceExistsError(`${patch.feedUrl ?? ''} is registered already`);
    }
    throw error;
  }
}

export interface KnownItems {
  /** Item keys this source has recorded (GUIDs or URLs). */
  keys: Set<string>;
  /** URLs known as a document, a linked source, or an item any source recorded. */
  urls: Set<string>;
  /** Content hashes of items already recorded. */
  hashes: Set<string>;
}

/** What of a feed's items is already known: one batch, whatever the feed's size. */
export async function loadKnownItems(
  db: Database,
  sourceId: number,
  keys: readonly string[],
  urls: readonly string[],
): Promise<KnownItems> {
  const d1 = db.$client;
  const [byKey, byUrl] = await d1.batch([
    d1
      .prepare(
        `SELECT item_key AS v, content_hash AS h FROM source_items
         WHERE source_id = ?1 AND item_key IN (SELECT value FROM json_each(?2))`,
      )
      .bind(sourceId, JSON.stringify(keys)),
    d1
      .prepare(
        `SELECT source_url AS v FROM documents WHERE source_url IN (SELECT value FROM json_each(?1))
         UNION SELECT source_url FROM document_sources WHERE source_url IN (SELECT value FROM json_each(?1))
         UNION SELECT url FROM source_items WHERE url IN (SELECT value FROM json_each(?1))`,
      )
      .bind(JSON.stringify(urls)),
  ]);
  const keyRows = (byKey?.results ?? []) as { v: string; h: string | null }[];
  return {
    keys: new Set(keyRows.map((row) => row.v)),
    urls: new Set(((byUrl?.results ?? []) as { v: string }[]).map((row) => row.v)),
    hashes: new Set(keyRows.flatMap((row) => (row.h ? [row.h] : []))),
  };
}

/** Whether a cleaned text was stored before (a feed that rewrites GUIDs and URLs). */
export async function isContentKnown(db: Database, contentHash: string): Promise<boolean> {
  const row = await db.$client
    .prepare('SELECT 1 AS x FROM source_items WHERE content_hash = ?1 LIMIT 1')
    .bind(contentHash)
    .first();
  return row !== null;
}

export interface SeenItem {
  key: string;
  url: string;
  contentHash: string | null;
  outcome: string;
  documentId: number | null;
}

export interface PollHealth {
  polledAt: string;
  status: number | null;
  error: string | null;
  consecutiveFailures: number;
  nextPollAt: string;
  enabled: boolean;
  etag: string | null;
  lastModified: string | null;
  seen: number;
  accepted: number;
  skipped: number;
}

/** The poll's record: the source's health and every item looked at, in one batch. */
export async function recordPoll(
  db: Database,
  sourceId: number,
  health: PollHealth,
  items: readonly SeenItem[],
): Promise<void> {
  const d1 = db.$client;
  await d1.batch([
    d1
      .prepare(
        `UPDATE sources SET last_polled_at = ?2, last_status = ?3, last_error = ?4, consecutive_failures = ?5,
           next_poll_at = ?6, enabled = ?7, etag = ?8, last_modified = ?9, items_seen = items_seen + ?10,
           items_accepted = items_accepted + ?11, items_skipped = items_skipped + ?12, updated_at = ?2
         WHERE id = ?1`,
      )
      .bind(
        sourceId,
        health.polledAt,
        health.status,
        health.error,
        health.consecutiveFailures,
        health.nextPollAt,
        health.enabled ? 1 : 0,
        health.etag,
        health.lastModified,
        health.seen,
        health.accepted,
        health.skipped,
      ),
    d1
      .prepare(
        `INSERT INTO source_items (source_id, item_key, url, content_hash, outcome, document_id, seen_at)
         SELECT ?1, value ->> '$.key', value ->> '$.url', value ->> '$.contentHash', value ->> '$.outcome',
                value ->> '$.documentId', ?3
         FROM json_each(?2) WHERE true
         ON CONFLICT (source_id, item_key) DO NOTHING`,
      )
      .bind(sourceId, JSON.stringify(items), health.polledAt),
  ]);
}

export interface ProvenanceInput {
  documentId: number;
  sourceId: number;
  itemGuid: string | null;
  itemUrl: string;
  fetchedAt: string;
  rawHash: string;
  rights: RightsPolicy;
  author: string | null;
  leadImageUrl: string | null;
  leadImageCredit: string | null;
  originalCyrillic: string | null;
}

export async function insertProvenance(db: Database, input: ProvenanceInput): Promise<void> {
  await db.$client
    .prepare(
      `INSERT INTO document_provenance (document_id, source_id, item_guid, item_url, fetched_at, raw_hash, rights,
         author, lead_image_url, lead_image_credit, original_cyrillic)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (document_id) DO NOTHING`,
    )
    .bind(
      input.documentId,
      input.sourceId,
      input.itemGuid,
      input.itemUrl,
      input.fetchedAt,
      input.rawHash,
      input.rights,
      input.author,
      input.leadImageUrl,
      input.leadImageCredit,
      input.originalCyrillic,
    )
    .run();
}
