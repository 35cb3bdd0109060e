/**
 * Near-duplicates: the same report published by another source. A submission whose text
 * shares most of its word 3-shingles with a live document published within three days (in the
 * same language) is linked to that document as another source, not added as a new one.
 */
import type { Database } from '../../db/client.ts';
import { listNeighbours } from '../../db/document-lookups.ts';
import { linkSource } from '../../db/editorial.ts';
import { estimateOverlap, NEAR_DUPLICATE, type PreparedDocument } from '../../services/editorial.ts';

/** Links `doc` as another source of its near-duplicate, if it has one; returns that document's id. */
export async function mergeIntoNearDuplicate(db: Database, doc: PreparedDocument, at: string): Promise<number | null> {
  const fullText = [doc.text.headline, ...doc.text.blocks.map((block) => block.text)].join(' ');
  for (const neighbour of await listNeighbours(db, doc.publishedOn, doc.language)) {
    if (estimateOverlap(fullText, neighbour.text) >= NEAR_DUPLICATE) {
      await linkSource(db, neighbour.id, doc, at);
      return neighbour.id;
    }
  }
  return null;
}
