/** Machine translations a guard rejected (migration 0008's `translation_flags`). */
import type { Database } from './client.ts';

export interface TranslationFlag {
  documentId: number;
  lang: string;
  problem: string;
  model: string;
  at: string;
}

/** Upsert: the latest attempt's problem replaces an older one. */
export async function flagTranslation(db: Database, flag: TranslationFlag): Promise<void> {
  await db.$client
    .prepare(
      `INSERT INTO translation_flags (document_id, lang, problem, model, flagged_at) VALUES (?1, ?2, ?3, ?4, ?5)
       ON CONFLICT (document_id, lang) DO UPDATE SET problem = excluded.problem, model = excluded.model,
         flagged_at = excluded.flagged_at`,
    )
    .bind(flag.documentId, flag.lang, flag.problem, flag.model, flag.at)
    .run();
}

export async function listTranslationFlags(db: Database, documentId: number): Promise<TranslationFlag[]> {
  const { results } = await db.$client
    .prepare(
      `SELECT document_id AS documentId, lang, problem, model, flagged_at AS at FROM translation_flags
       WHERE document_id = ?1 ORDER BY lang`,
    )
    .bind(documentId)
    .all<TranslationFlag>();
  return results;
}
