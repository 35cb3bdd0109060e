/**
 * Uzbek Cyrillic to Latin, the deterministic direction, for items of sources that write Uzbek
 * in Cyrillic: the uz edition stores Latin, and the Cyrillic original is kept as provenance.
 * Each Cyrillic word goes through the 1995 correspondence table (`spellCyrillicInLatin`, which
 * works on lower case) and gets its capitalisation back: Тошкент → Toshkent, ЖИКА → JIKA.
 */
import { spellCyrillicInLatin } from '../../services/uzbek-script/cyrillic-to-latin.ts';

const CYRILLIC_WORD = /\p{Script=Cyrillic}+/gu;
const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u;

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

function isUpper(text: string): boolean {
  return text !== text.toLowerCase();
}

export function convertUzbekCyrillicToLatin(text: string): string {
  return text.replace(CYRILLIC_WORD, (word) => {
    const latin = spellCyrillicInLatin(word.toLowerCase());
    if (word.length > 1 && word === word.toUpperCase()) return latin.toUpperCase();
    return isUpper(word.charAt(0)) ? latin.charAt(0).toUpperCase() + latin.slice(1) : latin;
  });
}
