/**
 * The desk's review actions, shared with their admin API twins: approving a machine
 * translation (the same text becomes the editors' own, so the reader label goes), and
 * restoring an earlier revision (which is itself a new revision: history only grows).
 */
import type { Database } from '../../db/client.ts';
import { META, loadDocumentState } from '../../db/editorial.ts';
import { getRevision } from '../../db/revisions.ts';
import { DomainError, invalidFields, RevisionConflict } from '../../services/domain-error.ts';
import { prepareText, type MetaSnapshot, type TextSnapshot } from '../../services/editorial.ts';
import { getIsoWeek } from '../../services/iso-week.ts';
import { isContentLanguage, type ContentLanguage } from '../../services/languages.ts';
import {
  checkEntities,
  requireDocument,
  requireLive,
  saveMeta,
  saveText,
  type ChangeStamp,
  type DocumentState,
  type Rebuilds,
} from './documents.ts';

function originFor(state: DocumentState, lang: string, origin: string): string {
  return lang === state.meta.originalLanguage ? 'source' : origin;
}

/** Saves `snapshot` as the next revision of `lang`'s text, after `expected`. */
async function saveSnapshot(
  db: Database,
  state: DocumentState,
  lang: ContentLanguage,
  expected: number,
  snapshot: TextSnapshot,
  change: ChangeStamp,
): Promise<number> {
  const kinds = state.texts[state.meta.originalLanguage]?.blocks.map((block) => block.kind) ?? [];
  if (snapshot.paragraphs.length !== kinds.length) {
    throw invalidFields({ paragraphs: `the original has ${kinds.length} paragraphs; this text has another number` });
  }
  const prepared = await prepareText(lang, snapshot.headline, snapshot.paragraphs, kinds);
  // Awaited, not returned: a promise already rejected when returned is reported as unhandled by workerd.
  return await saveText(db, state, lang, expected, prepared, {
    ...change,
    origin: originFor(state, lang, snapshot.origin),
  });
}

/**
 * Marks a machine translation reviewed: its text, unchanged, as a new revision by the editor.
 * `expected` is the revision the editor read; approving what is already reviewed at that
 * revision changes nothing (a double submit is harmless).
 */
export async function approveTranslation(
  db: Database,
  id: number,
  lang: ContentLanguage,
  expected: number,
  change: ChangeStamp,
): Promise<Rebuilds & { revision: number; changed: boolean }> {
  const state = await requireDocument(db, id);
  requireLive(state);
  const stored = state.texts[lang];
  if (!stored) throw new DomainError('not_found', `The document has no ${lang} text.`);
  if (stored.revision !== expected) throw new RevisionConflict(expected, stored.revision);
  if (stored.origin !== 'machine') return { revision: stored.revision, changed: false, rebuild: [] };
  const snapshot = { headline: stored.headline, paragraphs: stored.blocks.map((block) => block.text), origin: 'human' };
  const revision = await saveSnapshot(db, state, lang, expected, snapshot, change);
  return { revision, changed: true, rebuild: [state.isoWeek] };
}

/**
 * Brings back revision `number` of a text (en, uz, ja) or of the metadata ('meta') as the
 * next revision after `expected`. A metadata restore keeps the document's deleted state
 * (deleting and restoring have their own action) and checks entities that may be gone since.
 */
export async function restoreRevision(
  db: Database,
  id: number,
  lang: string,
  number: number,
  expected: number,
  change: ChangeStamp,
): Promise<Rebuilds & { revision: number }> {
  const state = await requireDocument(db, id);
  requireLive(state);
  const old = await getRevision(db, id, lang, number);
  if (!old) throw new DomainError('not_found', 'No such revision.');
  if (lang === META) {
    const meta = { ...(old.data as MetaSnapshot), deleted: state.meta.deleted, slug: state.meta.slug };
    await checkEntities(db, meta.entities);
    await saveMeta(db, state, expected, meta, { ...change, action: 'update' });
    const saved = (await loadDocumentState(db, id)) ?? state;
    return { revision: saved.revision, rebuild: [state.isoWeek, getIsoWeek(meta.publishedOn)] };
  }
  if (!isContentLanguage(lang)) throw new DomainError('not_found', 'No such revision.');
  const revision = await saveSnapshot(db, state, lang, expected, old.data as TextSnapshot, change);
  return { revision, rebuild: [state.isoWeek] };
}
