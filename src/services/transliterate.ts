/**
 * Uzbek Latin → Uzbek Cyrillic, and a script-blind fold for search: the public face of
 * `uzbek-script/`, which holds the parts apart:
 * - `lexicon-data.ts`: the loanword lexicon as data (Cyrillic stems), foreign names kept in
 *   Latin, Uzbek abbreviations; `lexicon.ts` indexes it by derived Latin keys
 *   (`cyrillic-to-latin.ts`, the 1995 correspondence table);
 * - `letter-rules.ts`: the letter-by-letter rules, and the word step that asks the lexicon;
 * - `tokenizer.ts`: words, quotation marks, foreign names, acronyms, URLs;
 * - `search-fold.ts`: the fold search uses;
 * - this file: the memo cache in front of it all.
 *
 * Acronyms that are not Uzbek (JICA, EXPO, IT), codes with digits (G20), words with letters
 * Uzbek does not use (Corporation, Electric) and foreign company names (Sojitz, Sumitomo)
 * stay in Latin, as the Uzbek Cyrillic press prints them. URLs and e-mail addresses are never
 * touched, nor is anything that is not Uzbek Latin.
 */
import { normalizeApostrophes } from './apostrophes.ts';
import { isKeptLatin, splitStem } from './uzbek-script/lexicon.ts';
import { transliterateText } from './uzbek-script/tokenizer.ts';

export { foldUzbekForSearch } from './uzbek-script/search-fold.ts';
export { transliterateText };

const ASCII_LETTER = /[A-Za-z]/;

/**
 * True when `word` is handled by the lexicon or kept in Latin rather than transliterated by
 * the rules alone (including inflected forms such as sementlarni).
 */
export function isTransliterationException(word: string): boolean {
  const lower = normalizeApostrophes(word).toLowerCase();
  return splitStem(lower) !== undefined || isKeptLatin(lower);
}

/** True when the text has letters of the Uzbek Latin alphabet, i.e. something to transliterate. */
function containsUzbekLatin(text: string): boolean {
  return ASCII_LETTER.test(text);
}

/**
 * Remembered transliterations. An uncached page of the Cyrillic edition transliterates the same
 * headlines, summaries and paragraphs as the last time it was rendered (12% of such a page's
 * CPU in a profile, `npm run profile`). The function is pure, so its results are kept per
 * isolate, within a budget of characters (a few MB at most); when the budget is spent the map
 * is emptied rather than kept in LRU order, which is cheaper and refills with what pages use.
 */
const MEMO_BUDGET_CHARS = 1_000_000;
const MEMO_MAX_TEXT = 4_000;
const memo = new Map<string, string>();
let memoChars = 0;

/** Uzbek Latin → Uzbek Cyrillic; anything that is not Uzbek Latin passes through unchanged. */
export function transliterateUzLatnToCyrl(text: string): string {
  if (!containsUzbekLatin(text)) return text;
  if (text.length > MEMO_MAX_TEXT) return transliterateText(text);
  const known = memo.get(text);
  if (known !== undefined) return known;
  const cyrillic = transliterateText(text);
  const size = text.length + cyrillic.length;
  if (memoChars + size > MEMO_BUDGET_CHARS) {
    memo.clear();
    memoChars = 0;
  }
  memo.set(text, cyrillic);
  memoChars += size;
  return cyrillic;
}
