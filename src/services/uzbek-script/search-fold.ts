/**
 * The script-blind fold that search uses for Uzbek: one spelling for every way a reader may
 * type a word, the same one the index holds (migration 0002 stores Latin text with the
 * apostrophe-like marks ʻ ʼ ' ‘ ’ ` removed; the trigram tokenizer ignores case).
 *
 * - Cyrillic is read as Uzbek Latin by the 1995 correspondence table (`spellCyrillicInLatin`):
 *   "Самарқанд" → "samarqand", "Ўзбекистон" → "ozbekiston" once the marks are gone.
 * - The 2026 Latin alphabet (reported adopted in 2026, in force from 2027) writes ş ç ğ ö
 *   for sh ch gʻ oʻ: "Özbekiston", "şahar", "ğalaba" fold to "ozbekiston", "shahar", "galaba".
 * - Every apostrophe-like mark is removed, so ' ‘ ’ ` ʻ ʼ spellings all meet.
 *
 * Deliberately lossy: ў and о both become o, ғ and г both g, ъ and ь vanish.
 */
import { APOSTROPHE_LIKE } from '../apostrophes.ts';
import { spellCyrillicInLatin } from './cyrillic-to-latin.ts';

const NEW_ALPHABET: Readonly<Record<string, string>> = { ş: 'sh', ç: 'ch', ğ: 'g', ö: 'o' };
const NEW_LETTERS = /[şçğö]/g;
const MARKS = new RegExp(`[${APOSTROPHE_LIKE}]`, 'gu');
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** The 2026 letters as the 1995 alphabet writes them (lowercase text in, lowercase out). */
function foldNewLatinLetters(lower: string): string {
  return lower.replace(NEW_LETTERS, (letter) => NEW_ALPHABET[letter] ?? letter);
}

export function foldUzbekForSearch(text: string): string {
  const lower = text.normalize('NFC').toLowerCase();
  const latin = CYRILLIC.test(lower) ? spellCyrillicInLatin(lower) : lower;
  return foldNewLatinLetters(latin).replace(MARKS, '');
}
