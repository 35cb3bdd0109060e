/**
 * "Did you mean": names close to a query that found nothing, typos included ("Samarkant" →
 * Samarkand). Pure and deterministic. Names and query are folded the way search folds a query
 * (parseSearchQuery: no apostrophe marks, Cyrillic and 2026 Latin Uzbek read as the indexed
 * Latin), in lower case, then compared with the
 * optimal-string-alignment distance (edits, and swaps of two neighbours, count one), against
 * the whole name and each of its words, so "Mirziyoev" finds "Shavkat Mirziyoyev".
 * Cost: names × words × query length², a few hundred names of a few words: well under 1 ms.
 */
import { parseSearchQuery } from './search-query.ts';

export interface NameCandidate {
  /** What the suggestion links to (an entity slug or a topic id). */
  key: string;
  /** Every name it goes by (each language, each script). */
  names: readonly string[];
}

/** A name or query folded exactly as search folds a query, words joined by single spaces. */
function foldName(text: string): string {
  return parseSearchQuery(text).terms.join(' ').toLowerCase();
}

/** Optimal string alignment distance, stopping early once it exceeds `limit`. */
export function measureEditDistance(a: string, b: string, limit: number): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[y.length]!;
}

/** Edits a query of this many characters may be away from a name: one typo in five letters. */
function allowedEdits(length: number): number {
  if (length < 4) return 0;
  return length <= 5 ? 1 : length <= 10 ? 2 : 3;
}

/** The candidates nearest the query, closest first (ties by key), at most `limit`. */
export function findCloseNames(query: string, candidates: readonly NameCandidate[], limit: number): string[] {
  const folded = foldName(query);
  const allowed = allowedEdits([...folded].length);
  if (allowed === 0) return [];
  const scored: { key: string; distance: number }[] = [];
  for (const candidate of candidates) {
    let distance = allowed + 1;
    for (const name of candidate.names) {
      const whole = foldName(name);
      for (const part of [whole, ...whole.split(/[\s\p{P}]+/u)]) {
        if (part.length === 0) continue;
        distance = Math.min(distance, part.startsWith(folded) ? 0 : measureEditDistance(folded, part, allowed));
      }
    }
    if (distance <= allowed) scored.push({ key: candidate.key, distance });
  }
  return scored
    .sort((a, b) => a.distance - b.distance || a.key.localeCompare(b.key))
    .slice(0, limit)
    .map((entry) => entry.key);
}
