/**
 * What every editorial workflow shares: finding the document, checking entity slugs, and the
 * two guarded writes (metadata, one language's text) with their revision check and content
 * hash. The hash is the rebuild fingerprint's unit: any change to the metadata or to any
 * language's text changes it, so the week is rebuilt.
 */
import type { Database } from '../../db/client.ts';
import { listUnknownEntities } from '../../db/document-lookups.ts';
import { loadDocumentState, putText, updateMeta, type ChangeStamp, type DocumentState } from '../../db/editorial.ts';
import { DomainError, invalidFields, RevisionConflict } from '../../services/domain-error.ts';
import { hashDocument, type MetaSnapshot, type PreparedText } from '../../services/editorial.ts';
import { hashText } from '../../services/hash.ts';
import { getIsoWeek } from '../../services/iso-week.ts';

export type { ChangeStamp, DocumentState };

/** A change's outcome for its adapter: the weeks whose summaries must be rebuilt after it. */
export interface Rebuilds {
  rebuild: string[];
}

export async function requireDocument(db: Database, id: number): Promise<DocumentState> {
  const state = await loadDocumentState(db, id);
  if (!state) throw new DomainError('not_found', 'No such document.');
  return state;
}

export function requireLive(state: DocumentState): void {
  if (state.deletedAt !== null) throw new DomainError('deleted', 'The document is deleted; restore it first.');
}

export async function checkEntities(db: Database, slugs: readonly string[]): Promise<void> {
  const unknown = await listUnknownEntities(db, slugs);
  if (unknown.length > 0) throw invalidFields({ entities: `unknown entities: ${unknown.join(', ')}` });
}

function textHashesOf(state: DocumentState): Record<string, string> {
  return Object.fromEntries(Object.entries(state.texts).map(([lang, text]) => [lang, text.contentHash]));
}

/**
 * Saves `next` as the metadata revision after `expected`, which must be the stored one; with
 * `headline`, also a new headline of the original text (ignored when it is the same).
 */
export async function saveMeta(
  db: Database,
  state: DocumentState,
  expected: number,
  next: MetaSnapshot,
  change: ChangeStamp & { action: 'update' | 'delete' | 'restore'; headline?: string | undefined },
): Promise<void> {
  if (expected !== state.revision) throw new RevisionConflict(expected, state.revision);
  const textHashes = textHashesOf(state);
  const original = state.texts[next.originalLanguage];
  let headline;
  if (change.headline !== undefined && original && change.headline !== original.headline) {
    const textHash = await hashText(JSON.stringify([change.headline, original.blocks]));
    textHashes[next.originalLanguage] = textHash;
    headline = { headline: change.headline, textHash };
  }
  const contentHash = await hashDocument(next, textHashes);
  const saved = await updateMeta(db, state, next, contentHash, {
    author: change.author,
    at: change.at,
    action: change.action,
    isoWeek: getIsoWeek(next.publishedOn),
    headline,
  });
  if (!saved) throw new RevisionConflict(expected, state.revision + 1);
}

/**
 * Saves one language's text as the revision after `expected` (null or 0: a new text), which
 * must be the stored one. Returns the new revision number.
 */
export async function saveText(
  db: Database,
  state: DocumentState,
  lang: string,
  expected: number | null,
  text: PreparedText,
  change: ChangeStamp & { origin: string },
): Promise<number> {
  const currentRevision = state.texts[lang]?.revision ?? 0;
  if ((expected ?? 0) !== currentRevision) throw new RevisionConflict(expected, currentRevision);
  const textHashes = textHashesOf(state);
  textHashes[lang] = text.contentHash;
  const contentHash = await hashDocument(state.meta, textHashes);
  if (!(await putText(db, state, lang, text, contentHash, change))) {
    throw new RevisionConflict(expected, currentRevision + 1);
  }
  return currentRevision + 1;
}
