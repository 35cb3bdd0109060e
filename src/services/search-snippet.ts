/**
 * Search snippets cut from the stored text a reader will see, never from the search index,
 * whose text is folded (apostrophes removed, so "Oʻzbekiston" would read "Ozbekiston").
 * Pure: the same text and terms give the same snippet.
 *
 * The match is found on a folded copy of the text (lower case, apostrophe marks dropped, the
 * same folding as the index), with a map from each folded character back to its place in the
 * original, so the window and the marks are cut from the original text.
 */
/** Marks around a match inside a snippet: control characters no stored text contains. */
export const SNIPPET_START = '\u0001';
export const SNIPPET_END = '\u0002';

/** About thirty words: enough to see a match in its sentence, short enough to scan a page of results. */
const SNIPPET_WORDS = 30;
/** Where no spaces separate words (Japanese), a window of characters of about the same reading length. */
const SNIPPET_CHARACTERS = 80;
const WORDS_BEFORE = 8;
const CHARACTERS_BEFORE = 20;

const FOLDED_AWAY = /[ʻʼ'‘’`ʹʽ]/u;

interface Folded {
  text: string;
  /** For each UTF-16 unit of `text`, the index of the original character it came from. */
  origin: number[];
}

function fold(text: string): Folded {
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    if (!FOLDED_AWAY.test(char)) {
      const lower = char.toLowerCase();
      folded += lower;
      for (let i = 0; i < lower.length; i += 1) origin.push(index);
    }
    index += char.length;
  }
  return { text: folded, origin };
}

/** [start, end) ranges of the original text where a term matches, in order, not overlapping. */
export function findMatches(text: string, terms: readonly string[]): [number, number][] {
  const folded = fold(text);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    const needle = fold(term).text;
    if (needle.length === 0) continue;
    let at = folded.text.indexOf(needle);
    while (at !== -1) {
      const start = folded.origin[at]!;
      const last = folded.origin[at + needle.length - 1]!;
      ranges.push([start, last + (text.codePointAt(last)! > 0xffff ? 2 : 1)]);
      at = folded.text.indexOf(needle, at + needle.length);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const previous = merged.at(-1);
    if (previous && range[0] < previous[1]) previous[1] = Math.max(previous[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** The window to show: about thirty words around the first match (or the opening). */
function chooseWindow(text: string, first: number): [number, number] {
  const spaced = (text.match(/\s/g)?.length ?? 0) > text.length / 20;
  if (!spaced) {
    const start = Math.max(0, first - CHARACTERS_BEFORE);
    return [start, Math.min(text.length, start + SNIPPET_CHARACTERS)];
  }
  const words = [...text.matchAll(/\S+/g)].map((match) => [match.index, match.index + match[0].length] as const);
  let at = words.findIndex(([, end]) => end > first);
  if (at === -1) at = 0;
  const from = Math.max(0, Math.min(at - WORDS_BEFORE, words.length - SNIPPET_WORDS));
  const to = Math.min(words.length, from + SNIPPET_WORDS);
  return [words[from]?.[0] ?? 0, words[to - 1]?.[1] ?? text.length];
}

/**
 * About thirty words of `text` around the first match of `terms`, with every match inside
 * marked by SNIPPET_START / SNIPPET_END and "…" where the text goes on. The opening of the
 * text when nothing matches (the match was in the headline).
 */
export function cutSnippet(text: string, terms: readonly string[]): string {
  const matches = findMatches(text, terms);
  const [start, end] = chooseWindow(text, matches[0]?.[0] ?? 0);
  let snippet = '';
  let cursor = start;
  for (const [from, to] of matches) {
    if (to <= start || from >= end) continue;
    const markFrom = Math.max(from, start);
    const markTo = Math.min(to, end);
    snippet += text.slice(cursor, markFrom) + SNIPPET_START + text.slice(markFrom, markTo) + SNIPPET_END;
    cursor = markTo;
  }
  snippet += text.slice(cursor, end);
  return `${start > 0 ? '…' : ''}${snippet.trim()}${end < text.length ? '…' : ''}`;
}

/**
 * Each hit with its stored paragraphs (`snippetText`) replaced by the snippet cut from them
 * for `terms`: the search repository only reads, the cutting is domain work done here.
 */
export function cutSnippets<T extends { snippetText: string }>(
  hits: readonly T[],
  terms: readonly string[],
): (Omit<T, 'snippetText'> & { snippet: string })[] {
  return hits.map(({ snippetText, ...hit }) => ({ ...hit, snippet: cutSnippet(snippetText, terms) }));
}
