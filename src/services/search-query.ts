/**
 * Turns whatever a reader typed into a safe FTS5 query. Nothing typed is ever passed to
 * FTS5 syntax: every term becomes a quoted phrase, so `"`, `*`, `NEAR(`, `OR`, `-`, `:`, `^`
 * and unbalanced brackets are just text. Text is folded the way the index is (migration
 * 0002): Uzbek apostrophe marks removed, Cyrillic Uzbek read as Latin.
 */
import { normalizeApostrophes } from './apostrophes.ts';
import { foldUzbekForSearch } from './transliterate.ts';

/** Longer queries are cut here: nobody searches a news digest with a paragraph. */
const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 8;
/** The trigram tokenizer cannot match anything shorter than three characters. */
const TRIGRAM = 3;

const CONTROL = /[\p{Cc}\p{Cs}\p{Co}\p{Cn}]/gu;
const APOSTROPHES = /[ʻʼ'‘’`ʹʽ]/g;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LONE_LETTER = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Nd}]$/u;
const NEW_LATIN = /[şçğöŞÇĞÖ]/u;

export interface SearchQuery {
  /** The cleaned query, for showing back to the reader. */
  text: string;
  /** FTS5 MATCH expression over terms of at least three characters, or null. */
  match: string | null;
  /** Terms too short for trigrams, matched with instr() instead. */
  shortTerms: string[];
  /** All folded terms, for highlighting in fallback snippets. */
  terms: string[];
}

function foldForIndex(text: string): string {
  return text.replace(APOSTROPHES, '');
}

export function parseSearchQuery(raw: string | undefined | null): SearchQuery {
  const cleaned = [...(raw ?? '').normalize('NFKC').replace(CONTROL, ' ')]
    .slice(0, MAX_QUERY_LENGTH)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  // Shown back to the reader as "Results for …", so in the orthography the pages use.
  const text = normalizeApostrophes(cleaned);
  // Cyrillic and the 2026 Latin letters (ş ç ğ ö) are read as the 1995 Latin the index holds.
  const folded = CYRILLIC.test(text) || NEW_LATIN.test(text) ? foldUzbekForSearch(text) : foldForIndex(text);
  const terms = [
    ...new Set(
      folded
        .split(/[\s\p{P}\p{S}]+/u)
        .map((term) => term.trim())
        .filter((term) => term.length > 0),
    ),
  ].slice(0, MAX_TERMS);
  const long = terms.filter((term) => [...term].length >= TRIGRAM);
  // A lone Latin or Cyrillic letter or digit is in nearly every text: it would cost a scan of
  // the whole index and narrow nothing, so it is not searched for (a lone kanji still is).
  const shortTerms = terms.filter((term) => [...term].length < TRIGRAM && !LONE_LETTER.test(term));
  const match = long.length > 0 ? long.map((term) => `"${term.replace(/"/g, '""')}"`).join(' AND ') : null;
  return { text, match, shortTerms, terms };
}
