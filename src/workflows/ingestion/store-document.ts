/**
 * Stores an accepted item as a document through the editorial desk's own code (the same
 * duplicate, near-duplicate and slug rules as an editor's submission), then records its
 * provenance. An ingested document has no topics yet and the entities its text names.
 */
import { findDocumentByUrl, insertDocument, isSlugTaken, linkSource, listNeighbours } from '../../db/editorial.ts';
import { insertProvenance, type ProvenanceInput } from '../../db/sources.ts';
import type { Database } from '../../db/client.ts';
import { estimateOverlap, NEAR_DUPLICATE, prepareText, type PreparedDocument } from '../../services/editorial.ts';
import { createSlug } from '../../services/ingest.ts';
import { getIsoWeek } from '../../services/iso-week.ts';
import type { PreparedItem } from './prepare-item.ts';

export interface StoreRequest {
  item: PreparedItem;
  sourceName: string;
  sourceUrl: string;
  publishedOn: string;
  entities: string[];
  provenance: Omit<ProvenanceInput, 'documentId'>;
}

export type StoreOutcome =
  | { status: 'created'; documentId: number; slug: string; isoWeek: string }
  | { status: 'merged' | 'duplicate'; documentId: number };

export async function storeIngestedDocument(db: Database, request: StoreRequest, at: string): Promise<StoreOutcome> {
  const existing = await findDocumentByUrl(db, request.sourceUrl);
  if (existing) return { status: 'duplicate', documentId: existing.id };
  const { item } = request;
  const text = await prepareText(
    item.language,
    item.headline,
    item.blocks.map((block) => block.text),
    item.blocks.map((block) => block.kind),
  );
  const fullText = [text.headline, ...text.blocks.map((block) => block.text)].join(' ');
  // A near-identical report from another source joins the existing story as another source.
  if (text.blocks.length > 0) {
    for (const neighbour of await listNeighbours(db, request.publishedOn, item.language)) {
      if (estimateOverlap(fullText, neighbour.text) >= NEAR_DUPLICATE) {
        await linkSource(db, neighbour.id, request, at);
        return { status: 'merged', documentId: neighbour.id };
      }
    }
  }
  let slug = createSlug(text.headline) || `item-${request.publishedOn}`;
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
    language: item.language,
    headlineIsEditorial: false,
    photoCredit: request.provenance.leadImageCredit,
    topics: [],
    entities: request.entities,
    text,
  };
  const documentId = await insertDocument(db, doc, `ingest:${request.provenance.sourceId}`, at);
  await insertProvenance(db, { ...request.provenance, documentId });
  return { status: 'created', documentId, slug, isoWeek: doc.isoWeek };
}
