/**
 * Uzbek Cyrillic to Latin, the deterministic direction (each Cyrillic letter has one Latin
 * spelling; only е and ц depend on their position), for items of sources that write Uzbek in
 * Cyrillic: the uz edition stores Latin, and the Cyrillic original is kept as provenance.
 * Apostrophes come out as the right modifier letters (oʻ gʻ with U+02BB, ъ as U+02BC). Pure.
 */
import { CYRILLIC_TO_LATIN } from '../../services/transliterate.ts';

// Search folding's table, with the three letters whose Latin spelling has an apostrophe.
const LETTERS: Readonly<Record<string, string>> = {
  ...CYRILLIC_TO_LATIN,
  ъ: '\u02BC',
  ў: 'o\u02BB',
  ғ: 'g\u02BB',
};
const VOWELS = new Set('аеёиоуэюяўАЕЁИОУЭЮЯЎ');
const CYRILLIC_LETTER = /[\u0400-\u04FF]/;

function isUpper(char: string | undefined): boolean {
  return char !== undefined && char !== char.toLowerCase();
}

/** Whether a text is written mostly in Cyrillic (so a "uz" item needs converting). */
export function isMostlyCyrillic(text: string): boolean {
  let cyrillic = 0;
  let latin = 0;
  for (const char of text) {
    if (CYRILLIC_LETTER.test(char)) cyrillic++;
    else if (/[A-Za-z]/.test(char)) latin++;
  }
  return cyrillic > latin;
}

export function convertUzbekCyrillicToLatin(text: string): string {
  const chars = [...text];
  let out = '';
  chars.forEach((char, index) => {
    const lower = char.toLowerCase();
    const previous = chars[index - 1];
    const atWordStart = previous === undefined || !/\p{L}/u.test(previous);
    let latin: string | undefined;
    if (lower === 'е') {
      // е is "ye" at the start of a word and after a vowel or a sign, "e" elsewhere.
      latin = atWordStart || VOWELS.has(previous ?? '') || previous === 'ъ' || previous === 'ь' ? 'ye' : 'e';
    } else if (lower === 'ц') {
      latin = atWordStart || !VOWELS.has(previous ?? '') ? 's' : 'ts';
    } else {
      latin = LETTERS[lower];
    }
    if (latin === undefined) {
      out += char;
      return;
    }
    if (!isUpper(char) || latin === '') {
      out += latin;
      return;
    }
    // Ч → Ch in a capitalised word, CH in one written in capitals.
    const shout = isUpper(chars[index + 1]) || (isUpper(previous) && !atWordStart);
    out += shout ? latin.toUpperCase() : latin.charAt(0).toUpperCase() + latin.slice(1);
  });
  return out;
}
