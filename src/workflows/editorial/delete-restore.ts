/**
 * Deleting and restoring a document: a metadata revision that sets or clears `deleted`. A
 * deleted document leaves every page, feed and summary (its week is rebuilt) but keeps its
 * revisions, so a restore brings it back as it was.
 */
import type { Database } from '../../db/client.ts';
import { loadDocumentState } from '../../db/editorial.ts';
import { requireDocument, saveMeta, type ChangeStamp, type DocumentState, type Rebuilds } from './documents.ts';

/** Deletes (or restores) a document; asking for the state it is already in changes nothing. */
export async function setDocumentDeleted(
  db: Database,
  id: number,
  deleted: boolean,
  change: ChangeStamp,
): Promise<Rebuilds & { state: DocumentState }> {
  const state = await requireDocument(db, id);
  if ((state.deletedAt !== null) === deleted) return { state, rebuild: [] };
  await saveMeta(
    db,
    state,
    state.revision,
    { ...state.meta, deleted },
    { ...change, action: deleted ? 'delete' : 'restore' },
  );
  return { state: (await loadDocumentState(db, id)) ?? state, rebuild: [state.isoWeek] };
}
