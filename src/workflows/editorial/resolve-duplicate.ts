/**
 * An editor's answer to a possible duplicate (a document stored as new but flagged because it
 * shares a good part of its text with another, merge-near-duplicates.ts):
 * - `separate`: they are different reports; the flag goes and both stay.
 * - `same`: the same report; the flagged document's source is linked to the other as another
 *   source ("also reported by"), the flagged document is deleted (a metadata revision, so it
 *   can be restored) and the flag goes. Both weeks are rebuilt.
 * Every step is idempotent and the flag is cleared last, so a request that fails half-way is
 * repeated by asking again; nothing is lost, since deleting keeps the document's history.
 */
import type { Database } from '../../db/client.ts';
import { clearDuplicateFlag, getDuplicateFlag } from '../../db/duplicate-flags.ts';
import { linkSource } from '../../db/document-sources.ts';
import { DomainError } from '../../services/domain-error.ts';
import { setDocumentDeleted } from './delete-restore.ts';
import { requireDocument, requireLive, type ChangeStamp, type Rebuilds } from './documents.ts';

export const DUPLICATE_DECISIONS = ['separate', 'same'] as const;
export type DuplicateDecision = (typeof DUPLICATE_DECISIONS)[number];

export interface DuplicateResolution extends Rebuilds {
  id: number;
  decision: DuplicateDecision;
  /** The document the flagged one now counts as a source of (`same`), else null. */
  mergedInto: number | null;
}

export async function resolvePossibleDuplicate(
  db: Database,
  id: number,
  decision: DuplicateDecision,
  change: ChangeStamp,
): Promise<DuplicateResolution> {
  const state = await requireDocument(db, id);
  const flag = await getDuplicateFlag(db, id);
  if (!flag) throw new DomainError('not_found', 'The document is not flagged as a possible duplicate.');
  if (decision === 'separate') {
    await clearDuplicateFlag(db, id);
    return { id, decision, mergedInto: null, rebuild: [] };
  }
  const original = await requireDocument(db, flag.similarTo);
  // Merging into a deleted document would hide both reports from readers.
  requireLive(original);
  await linkSource(db, original.id, state.meta, change.at);
  const { rebuild } = await setDocumentDeleted(db, id, true, change);
  await clearDuplicateFlag(db, id);
  return { id, decision, mergedInto: original.id, rebuild: [...new Set([...rebuild, original.isoWeek])] };
}
