/**
 * Read-only look-ups the editorial and ingestion workflows make before they write: is this
 * address known, which live documents are near a date (near-duplicate candidates), which entity
 * slugs are unknown, is a slug taken. Each is one statement.
 */
import type { Database } from './client.ts';

/**
 * The document a source URL belongs to: as its own URL, or (`linked`) as another source the
 * desk linked to it.
 */
export async function findDocumentByUrl(db: Database, url: string): Promise<{ id: number; linked: boolean } | null> {
  const row = await db.$client
    .prepare(
      `SELECT id, 0 AS linked FROM documents WHERE source_url = ?1
       UNION ALL SELECT document_id, 1 FROM document_sources WHERE source_url = ?1 LIMIT 1`,
    )
    .bind(url)
    .first<{ id: number; linked: number }>();
  return row ? { id: row.id, linked: row.linked === 1 } : null;
}

/** Live documents published within three days of `date`, with their text in `lang`. */
export async function listNeighbours(
  db: Database,
  date: string,
  lang: string,
): Promise<{ id: number; text: string }[]> {
  const { results } = await db.$client
    .prepare(
      `SELECT d.id, t.headline || ' ' || t.body AS text FROM documents d
       JOIN translations t ON t.document_id = d.id AND t.lang = ?2
       WHERE d.deleted_at IS NULL AND d.published_on BETWEEN date(?1, '-3 days') AND date(?1, '+3 days')
       LIMIT 500`,
    )
    .bind(date, lang)
    .all<{ id: number; text: string }>();
  return results;
}

export async function listUnknownEntities(db: Database, slugs: readonly string[]): Promise<string[]> {
  if (slugs.length === 0) return [];
  const { results } = await db.$client
    .prepare(`SELECT value FROM json_each(?1) WHERE value NOT IN (SELECT slug FROM entities)`)
    .bind(JSON.stringify(slugs))
    .all<{ value: string }>();
  return results.map((row) => row.value);
}

export async function isSlugTaken(db: Database, slug: string): Promise<boolean> {
  return (await db.$client.prepare('SELECT 1 AS x FROM documents WHERE slug = ?1').bind(slug).first()) !== null;
}
