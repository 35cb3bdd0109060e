/**
 * The editorial desk's repository: a document as an editor sees it, and its revisioned writes.
 * Every change is one D1 batch (one transaction) that appends a revision and applies the
 * change, guarded twice against lost updates: the UPDATE only matches the revision the editor
 * edited, and the revision's unique key makes the second of two concurrent saves fail as a
 * whole (reported as `false`). What to write, its hashes and the revision checks are decided
 * in workflows/editorial/.
 */
import type { MetaSnapshot, PreparedDocument, PreparedText, TextSnapshot } from '../services/editorial.ts';
import { TOPIC_IDS } from '../data/topic-ids.ts';
import type { Block } from '../services/ingest.ts';
import type { Database } from './client.ts';

export const META = 'meta';

export interface StoredText {
  headline: string;
  blocks: Block[];
  origin: string;
  revision: number;
  contentHash: string;
}

export interface DocumentState {
  id: number;
  revision: number;
  isoWeek: string;
  contentHash: string;
  deletedAt: string | null;
  meta: MetaSnapshot;
  texts: Record<string, StoredText>;
}

interface DocumentRow {
  id: number;
  slug: string;
  source_name: string;
  source_url: string;
  published_on: string;
  published_note: string | null;
  iso_week: string;
  original_language: string;
  headline_is_editorial: number;
  photo_credit: string | null;
  content_hash: string;
  revision: number;
  deleted_at: string | null;
}

export function snapshotText(text: StoredText): TextSnapshot {
  return { headline: text.headline, paragraphs: text.blocks.map((block) => block.text), origin: text.origin };
}

/** The statements a document's state is read with, for a batch of the caller's (the desk adds to it). */
export function documentStateStatements(d1: D1Database, id: number): D1PreparedStatement[] {
  return [
    d1.prepare('SELECT * FROM documents WHERE id = ?1').bind(id),
    d1
      .prepare('SELECT lang, headline, body, origin, revision, content_hash FROM translations WHERE document_id = ?1')
      .bind(id),
    d1.prepare('SELECT topic_id FROM document_topics WHERE document_id = ?1 ORDER BY position').bind(id),
    d1
      .prepare(
        'SELECT e.slug FROM document_entities de JOIN entities e ON e.id = de.entity_id WHERE de.document_id = ?1 ORDER BY e.slug',
      )
      .bind(id),
  ];
}

/** The document state from the results of `documentStateStatements`, in their order; null: no such document. */
export function toDocumentState(results: readonly (D1Result | undefined)[]): DocumentState | null {
  const [docs, texts, topics, entities] = results;
  const doc = (docs?.results[0] as DocumentRow | undefined) ?? null;
  if (!doc) return null;
  const stored: Record<string, StoredText> = {};
  for (const row of (texts?.results ?? []) as {
    lang: string;
    headline: string;
    body: string;
    origin: string;
    revision: number;
    content_hash: string;
  }[]) {
    stored[row.lang] = {
      headline: row.headline,
      blocks: JSON.parse(row.body) as Block[],
      origin: row.origin,
      revision: row.revision,
      contentHash: row.content_hash,
    };
  }
  return {
    id: doc.id,
    revision: doc.revision,
    isoWeek: doc.iso_week,
    contentHash: doc.content_hash,
    deletedAt: doc.deleted_at,
    meta: {
      slug: doc.slug,
      sourceName: doc.source_name,
      sourceUrl: doc.source_url,
      publishedOn: doc.published_on,
      publishedNote: doc.published_note,
      originalLanguage: doc.original_language,
      headlineIsEditorial: doc.headline_is_editorial === 1,
      photoCredit: doc.photo_credit,
      topics: ((topics?.results ?? []) as { topic_id: string }[]).map((row) => row.topic_id),
      entities: ((entities?.results ?? []) as { slug: string }[]).map((row) => row.slug),
      deleted: doc.deleted_at !== null,
    },
    texts: stored,
  };
}

/** The document as an editor sees it, deleted or not; one batch. */
export async function loadDocumentState(db: Database, id: number): Promise<DocumentState | null> {
  const d1 = db.$client;
  return toDocumentState(await d1.batch(documentStateStatements(d1, id)));
}

function revisionStatement(
  db: Database,
  id: number,
  lang: string,
  number: number,
  action: string,
  author: string,
  at: string,
  data: unknown,
  ignoreExisting = false,
): D1PreparedStatement {
  return db.$client
    .prepare(
      `INSERT ${ignoreExisting ? 'OR IGNORE ' : ''}INTO revisions (document_id, lang, number, action, author, created_at, data)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
    )
    .bind(id, lang, number, action, author, at, JSON.stringify(data));
}

function linkStatements(
  db: Database,
  id: number,
  meta: MetaSnapshot,
  mentions: Readonly<Record<string, number>> = {},
): D1PreparedStatement[] {
  const d1 = db.$client;
  return [
    d1.prepare('DELETE FROM document_topics WHERE document_id = ?1').bind(id),
    // The vocabulary is code (TOPIC_IDS, validated before any write); a database the seed has
    // not loaded yet (ingestion polling a fresh site) gets the rows its links need.
    d1
      .prepare(
        `INSERT INTO topics (id, position)
         SELECT v.value, v.key FROM json_each(?2) j JOIN json_each(?1) v ON v.value = j.value
         WHERE true ON CONFLICT (id) DO NOTHING`,
      )
      .bind(JSON.stringify(TOPIC_IDS), JSON.stringify(meta.topics)),
    d1
      .prepare(
        `INSERT INTO document_topics (document_id, topic_id, position)
         SELECT ?1, value, key FROM json_each(?2)`,
      )
      .bind(id, JSON.stringify(meta.topics)),
    // Links that stay keep their counted mentions (an edit of the topics loses no salience);
    // a new link counts `mentions[slug]`, else one.
    d1
      .prepare(
        `DELETE FROM document_entities WHERE document_id = ?1
           AND entity_id NOT IN (SELECT e.id FROM json_each(?2) j JOIN entities e ON e.slug = j.value)`,
      )
      .bind(id, JSON.stringify(meta.entities)),
    d1
      .prepare(
        `INSERT INTO document_entities (document_id, entity_id, mentions)
         SELECT ?1, e.id, coalesce(m.value, 1) FROM json_each(?2) j JOIN entities e ON e.slug = j.value
         LEFT JOIN json_each(?3) m ON m.key = j.value
         WHERE true ON CONFLICT (document_id, entity_id) DO NOTHING`,
      )
      .bind(id, JSON.stringify(meta.entities), JSON.stringify(mentions)),
  ];
}

/** Runs a guarded batch; false when another save of the same revision committed first. */
async function runGuarded(db: Database, statements: D1PreparedStatement[]): Promise<boolean> {
  try {
    await db.$client.batch(statements);
    return true;
  } catch (error) {
    // The revision's unique key: another save of the same revision committed first.
    if (error instanceof Error && error.message.includes('UNIQUE constraint failed: revisions')) return false;
    throw error;
  }
}

/** Who made a change, and when (ISO 8601). */
export interface ChangeStamp {
  author: string;
  at: string;
}

/** Creates a document with its original text (`meta` is its first 'meta' revision); returns its id. */
export async function insertDocument(
  db: Database,
  doc: PreparedDocument,
  meta: MetaSnapshot,
  contentHash: string,
  { author, at }: ChangeStamp,
): Promise<number> {
  const d1 = db.$client;
  const inserted = await d1
    .prepare(
      `INSERT INTO documents (slug, source_name, source_url, published_on, published_note, iso_week,
         original_language, headline_is_editorial, photo_credit, content_hash, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11) RETURNING id`,
    )
    .bind(
      doc.slug,
      doc.sourceName,
      doc.sourceUrl,
      doc.publishedOn,
      doc.publishedNote,
      doc.isoWeek,
      doc.language,
      doc.headlineIsEditorial ? 1 : 0,
      doc.photoCredit,
      contentHash,
      at,
    )
    .first<{ id: number }>();
  const id = inserted?.id;
  if (id === undefined) throw new Error('insert returned no id');
  try {
    await d1.batch([
      d1
        .prepare(
          `INSERT INTO translations (document_id, lang, headline, summary, body, origin, content_hash)
           VALUES (?1, ?2, ?3, ?4, ?5, ?7, ?6)`,
        )
        .bind(
          id,
          doc.language,
          doc.text.headline,
          doc.text.summary,
          JSON.stringify(doc.text.blocks),
          doc.text.contentHash,
          doc.textOrigin ?? 'source',
        ),
      ...linkStatements(db, id, meta, doc.mentions),
      revisionStatement(db, id, META, 1, 'create', author, at, meta),
      revisionStatement(db, id, doc.language, 1, 'create', author, at, {
        headline: doc.text.headline,
        paragraphs: doc.text.blocks.map((block) => block.text),
        origin: doc.textOrigin ?? 'source',
      } satisfies TextSnapshot),
    ]);
  } catch (error) {
    // D1 has no cross-request transaction: undo the bare row so no text-less document remains.
    await d1
      .prepare('DELETE FROM documents WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM translations WHERE document_id = ?1)')
      .bind(id)
      .run();
    throw error;
  }
  return id;
}

/** A new headline for the original text, with that text's new content hash. */
export interface HeadlineChange {
  headline: string;
  textHash: string;
}

/**
 * Applies new metadata (and, optionally, a new headline of the original text) as revision
 * `state.revision + 1`, only if the stored document is still at `state.revision`; false if a
 * concurrent save got there first. Also used for delete and restore.
 */
export async function updateMeta(
  db: Database,
  state: DocumentState,
  next: MetaSnapshot,
  contentHash: string,
  options: ChangeStamp & {
    action: 'update' | 'delete' | 'restore';
    /** The ISO week of `next.publishedOn`. */
    isoWeek: string;
    headline?: HeadlineChange | undefined;
  },
): Promise<boolean> {
  const d1 = db.$client;
  const { author, at, action, isoWeek } = options;
  const expected = state.revision;
  const statements: D1PreparedStatement[] = [
    revisionStatement(db, state.id, META, state.revision, 'baseline', author, at, state.meta, true),
    revisionStatement(db, state.id, META, state.revision + 1, action, author, at, next),
  ];
  const original = state.texts[next.originalLanguage];
  if (options.headline !== undefined && original) {
    const blocksJson = JSON.stringify(original.blocks);
    const { headline, textHash } = options.headline;
    statements.push(
      revisionStatement(
        db,
        state.id,
        next.originalLanguage,
        original.revision,
        'baseline',
        author,
        at,
        snapshotText(original),
        true,
      ),
      revisionStatement(db, state.id, next.originalLanguage, original.revision + 1, 'update', author, at, {
        ...snapshotText(original),
        headline,
      } satisfies TextSnapshot),
      d1
        .prepare(
          `UPDATE translations SET headline = ?3, content_hash = ?4, revision = revision + 1, body = ?5
           WHERE document_id = ?1 AND lang = ?2`,
        )
        .bind(state.id, next.originalLanguage, headline, textHash, blocksJson),
    );
  }
  statements.push(
    d1
      .prepare(
        `UPDATE documents SET slug = ?3, source_name = ?4, source_url = ?5, published_on = ?6, published_note = ?7,
           iso_week = ?8, photo_credit = ?9, headline_is_editorial = ?10, content_hash = ?11, revision = revision + 1,
           deleted_at = ?12, updated_at = ?13
         WHERE id = ?1 AND revision = ?2`,
      )
      .bind(
        state.id,
        expected,
        next.slug,
        next.sourceName,
        next.sourceUrl,
        next.publishedOn,
        next.publishedNote,
        isoWeek,
        next.photoCredit,
        next.headlineIsEditorial ? 1 : 0,
        contentHash,
        next.deleted ? (state.deletedAt ?? at) : null,
        at,
      ),
    ...linkStatements(db, state.id, next),
  );
  return runGuarded(db, statements);
}

/**
 * Creates or replaces one language's text as the revision after the one in `state` (1 for a
 * new text); false if a concurrent save got there first.
 */
export async function putText(
  db: Database,
  state: DocumentState,
  lang: string,
  text: PreparedText,
  contentHash: string,
  options: ChangeStamp & { origin: string },
): Promise<boolean> {
  const current = state.texts[lang];
  const currentRevision = current?.revision ?? 0;
  const d1 = db.$client;
  const { author, at, origin } = options;
  const next = currentRevision + 1;
  const statements: D1PreparedStatement[] = [];
  if (current) {
    statements.push(
      revisionStatement(db, state.id, lang, currentRevision, 'baseline', author, at, snapshotText(current), true),
    );
  }
  statements.push(
    revisionStatement(db, state.id, lang, next, current ? 'update' : 'create', author, at, {
      headline: text.headline,
      paragraphs: text.blocks.map((block) => block.text),
      origin,
    } satisfies TextSnapshot),
    d1
      .prepare(
        `INSERT INTO translations (document_id, lang, headline, summary, body, origin, content_hash, revision)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (document_id, lang) DO UPDATE SET headline = excluded.headline, summary = excluded.summary,
           body = excluded.body, origin = excluded.origin, content_hash = excluded.content_hash,
           revision = excluded.revision
         WHERE translations.revision = ?8 - 1`,
      )
      .bind(state.id, lang, text.headline, text.summary, JSON.stringify(text.blocks), origin, text.contentHash, next),
    d1.prepare('UPDATE documents SET content_hash = ?2, updated_at = ?3 WHERE id = ?1').bind(state.id, contentHash, at),
  );
  return runGuarded(db, statements);
}
