/** The revision history of a document (who, when, what), as the admin API and the desk show it. */
import type { Database } from './client.ts';

export interface RevisionEntry {
  lang: string;
  number: number;
  action: string;
  author: string;
  createdAt: string;
}

export async function listRevisions(db: Database, id: number): Promise<RevisionEntry[]> {
  const { results } = await db.$client
    .prepare(
      `SELECT lang, number, action, author, created_at AS createdAt FROM revisions
       WHERE document_id = ?1 ORDER BY lang, number`,
    )
    .bind(id)
    .all<RevisionEntry>();
  return results;
}

export async function getRevision(
  db: Database,
  id: number,
  lang: string,
  number: number,
): Promise<(RevisionEntry & { data: unknown }) | null> {
  const row = await db.$client
    .prepare(
      `SELECT lang, number, action, author, created_at AS createdAt, data FROM revisions
       WHERE document_id = ?1 AND lang = ?2 AND number = ?3`,
    )
    .bind(id, lang, number)
    .first<RevisionEntry & { data: string }>();
  return row ? { ...row, data: JSON.parse(row.data) as unknown } : null;
}
