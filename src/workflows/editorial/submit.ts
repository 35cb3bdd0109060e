/**
 * Where a submission is decided. A report sent by an editor, the bulk import or the ingestion
 * workflow is, in this order:
 * 1. a source URL already linked to a document as another source: known, nothing to do;
 * 2. a source URL of a document we have: a correction of it (correct.ts);
 * 3. near-identical text from another source: linked to that document (merge-near-duplicates.ts);
 * 4. otherwise a new document, under its slug (or the first free variant of it), revision 1,
 *    flagged for the desk when its text is much like another's (a possible duplicate).
 * The caller rebuilds the returned weeks (and, for a new document, may draft its missing
 * languages, machine-drafts.ts) after it has answered.
 */
import type { Database } from '../../db/client.ts';
import { findDocumentByUrl, isSlugTaken } from '../../db/document-lookups.ts';
import { flagPossibleDuplicate } from '../../db/duplicate-flags.ts';
import { insertDocument } from '../../db/editorial.ts';
import { DomainError } from '../../services/domain-error.ts';
import {
  hashDocument,
  prepareSubmission,
  type MetaSnapshot,
  type PreparedDocument,
  type Submission,
  type SubmissionMeta,
} from '../../services/editorial.ts';
import { applyResubmission } from './correct.ts';
import { checkEntities, requireDocument, type ChangeStamp, type Rebuilds } from './documents.ts';
import { mergeIntoNearDuplicate } from './merge-near-duplicates.ts';

/** A submission as sent: topics and entities left out keep what the desk set on a known URL. */
export type SubmissionInput = Omit<SubmissionMeta, 'topics' | 'entities'> & {
  raw?: string | undefined;
  headline?: string | undefined;
  paragraphs?: string[] | undefined;
  topics?: string[] | undefined;
  entities?: string[] | undefined;
};

export type SubmitOutcome = Rebuilds &
  (
    | { status: 'created'; id: number; slug: string; revision: 1 }
    | { status: 'updated' | 'unchanged' | 'merged'; id: number }
  );

/** The first free slug: the wanted one, else `-<date>`, else `-2`, `-3`…; 409 if the editor chose it. */
async function allocateSlug(db: Database, doc: PreparedDocument, chosen: boolean): Promise<string> {
  let slug = doc.slug;
  if (!(await isSlugTaken(db, slug))) return slug;
  if (chosen) throw new DomainError('slug_taken', `The slug "${slug}" is taken.`);
  slug = `${slug}-${doc.publishedOn}`;
  for (let n = 2; await isSlugTaken(db, slug); n++) slug = `${slug.replace(/-\d+$/, '')}-${n}`;
  return slug;
}

function metaOf(doc: PreparedDocument): MetaSnapshot {
  return {
    slug: doc.slug,
    sourceName: doc.sourceName,
    sourceUrl: doc.sourceUrl,
    publishedOn: doc.publishedOn,
    publishedNote: doc.publishedNote,
    originalLanguage: doc.language,
    headlineIsEditorial: doc.headlineIsEditorial,
    photoCredit: doc.photoCredit,
    topics: doc.topics,
    entities: doc.entities,
    deleted: false,
  };
}

export async function submitDocument(
  db: Database,
  input: SubmissionInput,
  change: ChangeStamp,
): Promise<SubmitOutcome> {
  await checkEntities(db, input.entities ?? []);
  const existing = await findDocumentByUrl(db, input.sourceUrl.trim());
  // A URL already linked as another source of a document: that report is known; nothing to do.
  if (existing?.linked) return { status: 'merged', id: existing.id, rebuild: [] };
  const state = existing ? await requireDocument(db, existing.id) : null;
  const doc = await prepareSubmission({
    ...input,
    // An untitled capture of a known report keeps the headline the desk gave it.
    headline: input.headline ?? (input.raw !== undefined ? state?.texts[input.language]?.headline : undefined),
    topics: input.topics ?? state?.meta.topics ?? [],
    entities: input.entities ?? state?.meta.entities ?? [],
  } as Submission);

  // The same URL again is a correction of what we have: a new revision, not a new document.
  if (state) {
    const { changed, rebuild } = await applyResubmission(db, state, doc, change);
    return { status: changed ? 'updated' : 'unchanged', id: state.id, rebuild };
  }

  const near = await mergeIntoNearDuplicate(db, doc, change.at);
  if (near.mergedInto !== null) return { status: 'merged', id: near.mergedInto, rebuild: [] };

  doc.slug = await allocateSlug(db, doc, input.slug !== undefined);
  const meta = metaOf(doc);
  const contentHash = await hashDocument(meta, { [doc.language]: doc.text.contentHash });
  const id = await insertDocument(db, doc, meta, contentHash, change);
  const similar = near.possibleDuplicateOf;
  if (similar)
    await flagPossibleDuplicate(db, { documentId: id, similarTo: similar.id, overlap: similar.overlap, at: change.at });
  return { status: 'created', id, slug: doc.slug, revision: 1, rebuild: [doc.isoWeek] };
}
