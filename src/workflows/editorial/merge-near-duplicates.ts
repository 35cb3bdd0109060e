/**
 * Near-duplicates: the same report published by another source. A submission whose text
 * shares most of its word 3-shingles with a live document published within three days (in the
 * same language) is linked to that document as another source, not added as a new one. One
 * that shares a good part, not most, is added and flagged for the desk (the most similar
 * neighbour), since only a person can tell a retold report from a new one.
 */
import type { Database } from '../../db/client.ts';
import { listNeighbours } from '../../db/document-lookups.ts';
import { linkSource } from '../../db/document-sources.ts';
import {
  collectShingles,
  measureOverlap,
  NEAR_DUPLICATE,
  POSSIBLE_DUPLICATE,
  type PreparedDocument,
} from '../../services/editorial.ts';

export type NearDuplicateOutcome =
  { mergedInto: number } | { mergedInto: null; possibleDuplicateOf: { id: number; overlap: number } | null };

/** Links `doc` as another source of its near-duplicate, if it has one; else names its closest uncertain match. */
export async function mergeIntoNearDuplicate(
  db: Database,
  doc: PreparedDocument,
  at: string,
): Promise<NearDuplicateOutcome> {
  // The submission's shingles once, not once per neighbour (half the work on a busy day).
  const own = collectShingles([doc.text.headline, ...doc.text.blocks.map((block) => block.text)].join(' '));
  let closest: { id: number; overlap: number } | null = null;
  for (const neighbour of await listNeighbours(db, doc.publishedOn, doc.language)) {
    const overlap = measureOverlap(own, collectShingles(neighbour.text));
    if (overlap >= NEAR_DUPLICATE) {
      await linkSource(db, neighbour.id, doc, at);
      return { mergedInto: neighbour.id };
    }
    if (overlap >= POSSIBLE_DUPLICATE && overlap > (closest?.overlap ?? 0)) closest = { id: neighbour.id, overlap };
  }
  return { mergedInto: null, possibleDuplicateOf: closest };
}
