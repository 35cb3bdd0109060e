/**
 * New documents that may be the same report as another (migration 0011's `duplicate_flags`):
 * stored as new, and put before a person by the desk's queue. Decided in
 * workflows/editorial/merge-near-duplicates.ts.
 */
import type { Database } from './client.ts';

export interface DuplicateFlag {
  documentId: number;
  similarTo: number;
  /** Share of word 3-shingles of the shorter text the two share (0–1). */
  overlap: number;
  at: string;
}

/** Idempotent: a retried submission keeps the first flag. */
export async function flagPossibleDuplicate(db: Database, flag: DuplicateFlag): Promise<void> {
  await db.$client
    .prepare(
      `INSERT INTO duplicate_flags (document_id, similar_to, overlap, flagged_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (document_id) DO NOTHING`,
    )
    .bind(flag.documentId, flag.similarTo, flag.overlap, flag.at)
    .run();
}

/** The flag on `documentId`, if it has one. */
export async function getDuplicateFlag(
  db: Database,
  documentId: number,
): Promise<{ similarTo: number; overlap: number } | null> {
  return db.$client
    .prepare('SELECT similar_to AS similarTo, overlap FROM duplicate_flags WHERE document_id = ?1')
    .bind(documentId)
    .first<{ similarTo: number; overlap: number }>();
}

/** Idempotent: clearing a flag that is gone changes nothing. */
export async function clearDuplicateFlag(db: Database, documentId: number): Promise<void> {
  await db.$client.prepare('DELETE FROM duplicate_flags WHERE document_id = ?1').bind(documentId).run();
}
