/**
 * Stores an accepted item as a document through the editorial workflow's `submitDocument`
 * (the desk's cleaning of a raw capture, its duplicate, near-duplicate and slug rules), then
 * records its provenance. An ingested document gets the topics the topic rule finds and the
 * entities its text names, counted as the seed counts them. A 'headline' item has no text to submit, so it is inserted here with the same
 * pieces (prepared text, meta snapshot, content hash, free slug).
 */
import type { Database } from '../../db/client.ts';
import { findDocumentByUrl, isSlugTaken } from '../../db/document-lookups.ts';
import { insertDocument, type ChangeStamp } from '../../db/editorial.ts';
import { insertProvenance, type ProvenanceInput } from '../../db/sources.ts';
import { DomainError } from '../../services/domain-error.ts';
import { hashDocument, prepareText, type MetaSnapshot, type PreparedDocument } from '../../services/editorial.ts';
import { createSlug } from '../../services/ingest.ts';
import { getIsoWeek } from '../../services/iso-week.ts';
import { submitDocument } from '../editorial/submit.ts';
import type { PreparedItem } from './prepare-item.ts';
import type { FoundEntity } from './tag-entities.ts';

export interface StoreRequest {
  item: PreparedItem;
  sourceName: string;
  sourceUrl: string;
  publishedOn: string;
  /** The topic rule's choice (services/topic-rules.ts) until an editor sets them. */
  topics: string[];
  entities: FoundEntity[];
  provenance: Omit<ProvenanceInput, 'documentId'>;
}

export type StoreOutcome =
  | { status: 'created'; documentId: number; slug: string; isoWeek: string }
  | { status: 'duplicate'; documentId: number }
  | { status: 'no_text' };

const countsOf = (found: readonly FoundEntity[]) => Object.fromEntries(found.map((e) => [e.slug, e.mentions]));

async function insertHeadlineOnly(db: Database, request: StoreRequest, change: ChangeStamp) {
  const text = await prepareText(request.item.language, request.item.headline, []);
  let slug = createSlug(text.headline);
  if (await isSlugTaken(db, slug)) {
    slug = `${slug}-${request.publishedOn}`;
    for (let n = 2; await isSlugTaken(db, slug); n++) slug = `${slug.replace(/-\d+$/, '')}-${n}`;
  }
  const doc: PreparedDocument = {
    slug,
    sourceName: request.sourceName,
    sourceUrl: request.sourceUrl,
    publishedOn: request.publishedOn,
    publishedNote: null,
    isoWeek: getIsoWeek(request.publishedOn),
    language: request.item.language,
    headlineIsEditorial: false,
    photoCredit: request.provenance.leadImageCredit,
    topics: request.topics,
    entities: request.entities.map((entity) => entity.slug),
    mentions: countsOf(request.entities),
    textOrigin: request.item.machineModel ? 'machine' : 'source',
    text,
  };
  const meta: MetaSnapshot = {
    slug,
    sourceName: doc.sourceName,
    sourceUrl: doc.sourceUrl,
    publishedOn: doc.publishedOn,
    publishedNote: null,
    originalLanguage: doc.language,
    headlineIsEditorial: false,
    photoCredit: doc.photoCredit,
    topics: request.topics,
    entities: doc.entities,
    deleted: false,
  };
  const contentHash = await hashDocument(meta, { [doc.language]: text.contentHash });
  const id = await insertDocument(db, doc, meta, contentHash, change);
  return { id, slug, isoWeek: doc.isoWeek };
}

export async function storeIngestedDocument(db: Database, request: StoreRequest, at: string): Promise<StoreOutcome> {
  // A translated item's text was written by its model: the revision says which (and when).
  const author = request.item.machineModel
    ? `machine:${request.item.machineModel}`
    : `ingest:source-${request.provenance.sourceId}`;
  const change: ChangeStamp = { author, at };
  const { item } = request;
  let created: { id: number; slug: string; isoWeek: string };
  if (item.blocks.length === 0) {
    const existing = await findDocumentByUrl(db, request.sourceUrl);
    if (existing) return { status: 'duplicate', documentId: existing.id };
    created = await insertHeadlineOnly(db, request, change);
  } else {
    try {
      const outcome = await submitDocument(
        db,
        {
          // One block a line, as a capture: the desk's cleaning is what the seed's text went through.
          raw: item.blocks.map((block) => block.text).join('\n'),
          headline: item.headline,
          sourceName: request.sourceName,
          sourceUrl: request.sourceUrl,
          publishedOn: request.publishedOn,
          language: item.language,
          photoCredit: request.provenance.leadImageCredit,
          topics: request.topics,
          entities: request.entities.map((entity) => entity.slug),
          mentions: countsOf(request.entities),
          textOrigin: item.machineModel ? 'machine' : 'source',
        },
        change,
      );
      if (outcome.status !== 'created') return { status: 'duplicate', documentId: outcome.id };
      created = { id: outcome.id, slug: outcome.slug, isoWeek: getIsoWeek(request.publishedOn) };
    } catch (error) {
      // The desk's cleaning left no body text (a capture of furniture only).
      if (error instanceof DomainError && error.code === 'invalid_fields') return { status: 'no_text' };
      throw error;
    }
  }
  await insertProvenance(db, { ...request.provenance, documentId: created.id });
  return { status: 'created', documentId: created.id, slug: created.slug, isoWeek: created.isoWeek };
}
