/**
 * Corrections: an editor's patch of a document's metadata (and its original headline), and a
 * re-submission of a known source URL, which corrects what we have rather than adding a
 * document. Both append revisions; neither creates anything.
 */
import type { Database } from '../../db/client.ts';
import { findDocumentByUrl } from '../../db/document-lookups.ts';
import { loadDocumentState } from '../../db/editorial.ts';
import { DomainError } from '../../services/domain-error.ts';
import { validateTopics, type MetaSnapshot, type PreparedDocument } from '../../services/editorial.ts';
import { getIsoWeek } from '../../services/iso-week.ts';
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

/** The fields an editor may change; left out, a field keeps its value. */
export interface DocumentPatch {
  /** The metadata revision the editor edited. */
  revision: number;
  headline?: string | undefined;
  sourceName?: string | undefined;
  sourceUrl?: string | undefined;
  publishedOn?: string | undefined;
  publishedNote?: string | null | undefined;
  photoCredit?: string | null | undefined;
  topics?: string[] | undefined;
  entities?: string[] | undefined;
}

/** Applies a patch as a new metadata revision; returns the document as saved. */
export async function correctDocument(
  db: Database,
  id: number,
  patch: DocumentPatch,
  change: ChangeStamp,
): Promise<Rebuilds & { state: DocumentState }> {
  const state = await requireDocument(db, id);
  requireLive(state);
  if (patch.entities) await checkEntities(db, patch.entities);
  const next: MetaSnapshot = {
    ...state.meta,
    ...(patch.sourceName !== undefined && { sourceName: patch.sourceName }),
    ...(patch.sourceUrl !== undefined && { sourceUrl: patch.sourceUrl }),
    ...(patch.publishedOn !== undefined && { publishedOn: patch.publishedOn }),
    ...(patch.publishedNote !== undefined && { publishedNote: patch.publishedNote ?? null }),
    ...(patch.photoCredit !== undefined && { photoCredit: patch.photoCredit ?? null }),
    ...(patch.topics !== undefined && { topics: validateTopics(patch.topics) }),
    ...(patch.entities !== undefined && { entities: [...new Set(patch.entities)] }),
    ...(patch.headline !== undefined && { headlineIsEditorial: true }),
  };
  if (next.sourceUrl !== state.meta.sourceUrl) {
    const owner = await findDocumentByUrl(db, next.sourceUrl);
    if (owner !== null && owner.id !== id) throw new DomainError('url_taken', 'Another document has this source URL.');
  }
  await saveMeta(db, state, patch.revision, next, { ...change, action: 'update', headline: patch.headline });
  return {
    state: (await loadDocumentState(db, id)) ?? state,
    rebuild: [state.isoWeek, getIsoWeek(next.publishedOn)],
  };
}

/**
 * The same source URL sent again: its metadata and its text in the submitted language replace
 * what is stored, each as a new revision only if it differs. `changed` is false when both were
 * the same.
 */
export async function applyResubmission(
  db: Database,
  state: DocumentState,
  doc: PreparedDocument,
  change: ChangeStamp,
): Promise<Rebuilds & { changed: boolean }> {
  const next: MetaSnapshot = {
    ...state.meta,
    sourceName: doc.sourceName,
    publishedOn: doc.publishedOn,
    publishedNote: doc.publishedNote,
    photoCredit: doc.photoCredit,
    topics: doc.topics,
    entities: doc.entities,
  };
  let changed = false;
  if (JSON.stringify(next) !== JSON.stringify(state.meta)) {
    await saveMeta(db, state, state.revision, next, { ...change, action: 'update' });
    changed = true;
  }
  const stored = state.texts[doc.language];
  if (stored?.contentHash !== doc.text.contentHash) {
    const fresh = (await loadDocumentState(db, state.id)) ?? state;
    await saveText(db, fresh, doc.language, stored?.revision ?? 0, doc.text, {
      ...change,
      origin: doc.language === state.meta.originalLanguage ? 'source' : 'human',
    });
    changed = true;
  }
  return { changed, rebuild: changed ? [state.isoWeek, doc.isoWeek] : [] };
}
