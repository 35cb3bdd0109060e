/**
 * The letter rules of Uzbek Latin → Cyrillic, for one word, and the word-level step that
 * consults the lexicon first. The rules themselves:
 * - digraphs: oʻ ў, gʻ ғ, sh ш, ch ч; ng is simply н + г;
 * - yo yu ya ye are the single letters ё ю я е (yoshlar ёшлар, dunyo дунё, tayyor тайёр),
 *   except before the letter oʻ (yoʻl йўл); after a consonant ye is ъе (obyekt объект);
 * - e is э at the start of a word and after a vowel (energetika энергетика, Sanae Санаэ);
 * - ʼ (tutuq belgisi) is ъ (maʼlumot маълумот), but sʼh is с + ҳ (Isʼhoq Исҳоқ), the apostrophe
 *   only being there to keep s and h apart from the digraph sh;
 * - ц is written ts after vowels and s elsewhere, so the -tsiya and -tsion endings, a
 *   word-initial ts and the -nsiya/-ksiya endings are ц by rule; the rest comes from the
 *   lexicon, which also restores ь, ъ and э that Latin drops.
 */
import { UZ_MODIFIER_APOSTROPHE, UZ_MODIFIER_TURNED_COMMA } from '../apostrophes.ts';
import { splitBoundPrefix, splitStem } from './lexicon.ts';

const TURNED_COMMA = UZ_MODIFIER_TURNED_COMMA;
const TUTUQ = UZ_MODIFIER_APOSTROPHE;
const ASCII_LETTER = /[A-Za-z]/;

const SIMPLE: Readonly<Record<string, string>> = {
  a: 'а',
  b: 'б',
  d: 'д',
  f: 'ф',
  g: 'г',
  h: 'ҳ',
  i: 'и',
  j: 'ж',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  q: 'қ',
  r: 'р',
  s: 'с',
  t: 'т',
  u: 'у',
  v: 'в',
  x: 'х',
  y: 'й',
  z: 'з',
};
const IOTATED: Readonly<Record<string, string>> = { a: 'я', u: 'ю', o: 'ё', e: 'е' };
const LATIN_VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
const CYRILLIC_VOWELS = new Set('аеёиоуэюяў');

export type CasePattern = 'lower' | 'title' | 'upper' | 'mixed';

function lowerAscii(ch: string): string {
  return ch >= 'A' && ch <= 'Z' ? String.fromCharCode(ch.charCodeAt(0) + 32) : ch;
}

export function casePattern(word: string): CasePattern {
  let upper = 0;
  let lower = 0;
  let firstUpper = false;
  let seen = 0;
  for (const ch of word) {
    if (!ASCII_LETTER.test(ch)) continue;
    const isUpper = ch >= 'A' && ch <= 'Z';
    if (seen === 0) firstUpper = isUpper;
    seen++;
    if (isUpper) upper++;
    else lower++;
  }
  if (upper === 0) return 'lower';
  if (lower === 0) return seen === 1 ? 'title' : 'upper';
  if (firstUpper && upper === 1) return 'title';
  return 'mixed';
}

function applyCase(cyrillic: string, pattern: CasePattern): string {
  if (pattern === 'upper') return cyrillic.toUpperCase();
  if (pattern === 'title') return cyrillic.charAt(0).toUpperCase() + cyrillic.slice(1);
  return cyrillic;
}

function isVowelOrY(ch: string | undefined): boolean {
  const l = lowerAscii(ch ?? '');
  return LATIN_VOWELS.has(l) || l === 'y';
}

/**
 * The letter-by-letter rules. `atStart` and `afterVowel` describe what precedes `word`, so a
 * suffix after a dictionary stem continues the stem's context.
 */
function transliterateByRules(word: string, atStart: boolean, afterVowel: boolean): string {
  let out = '';
  let wordStart = atStart;
  let prevVowel = afterVowel;
  let afterTutuq = false;
  let prevLatin = '';
  for (let i = 0; i < word.length;) {
    const ch = word[i] as string;
    const l = lowerAscii(ch);
    const next = word[i + 1];
    const l1 = lowerAscii(next ?? '');
    let cyrillic: string;
    let length = 1;
    let vowel = false;
    if ((l === 'o' || l === 'g') && next === TURNED_COMMA) {
      cyrillic = l === 'o' ? 'ў' : 'ғ';
      length = 2;
      vowel = l === 'o';
    } else if (l === 's' && l1 === 'h') {
      cyrillic = 'ш';
      length = 2;
    } else if (l === 'c' && l1 === 'h') {
      cyrillic = 'ч';
      length = 2;
    } else if (l === 'y' && IOTATED[l1] !== undefined && !(l1 === 'o' && word[i + 2] === TURNED_COMMA)) {
      // After a consonant, ye is Russian ъе (obyekt, subyekt, inyeksiya); ya yu yo soften it.
      cyrillic = l1 === 'e' && !wordStart && !prevVowel && !afterTutuq ? 'ъе' : IOTATED[l1];
      length = 2;
      vowel = true;
    } else if (
      l === 't' &&
      l1 === 's' &&
      (wordStart || (lowerAscii(word[i + 2] ?? '') === 'i' && isVowelOrY(word[i + 3])))
    ) {
      // Uzbek words never start with ts, and ts before i and a vowel is always Russian ци:
      // -tsiya, -tsion, -tsial, -tsient (stansiya's sister natsional, sotsial, patsient);
      // elsewhere ts is т + с (ketsa, aytsin).
      cyrillic = 'ц';
      length = 2;
    } else if (
      l === 's' &&
      (prevLatin === 'n' || prevLatin === 'k') &&
      lowerAscii(word[i + 1] ?? '') === 'i' &&
      isVowelOrY(word[i + 2])
    ) {
      // -nsi/-ksi before a vowel are Russian нци/кци (stansiya, Fransiya, aksiya, funksiya,
      // potensial, konfidensial); the few -нсия words (pensiya) are in the lexicon.
      cyrillic = 'ц';
    } else if (l === 'e') {
      cyrillic = wordStart || prevVowel ? 'э' : 'е';
      vowel = true;
    } else if (ch === TUTUQ) {
      const prevIsLetter = prevLatin !== '';
      const nextIsLetter = next !== undefined && ASCII_LETTER.test(next);
      if (prevLatin === 's' && l1 === 'h') cyrillic = '';
      else cyrillic = prevIsLetter && nextIsLetter ? 'ъ' : ch;
    } else {
      const simple = SIMPLE[l];
      cyrillic = simple ?? ch;
      vowel = simple !== undefined && LATIN_VOWELS.has(l);
    }
    out += ch !== l ? cyrillic.toUpperCase() : cyrillic;
    afterTutuq = ch === TUTUQ;
    prevVowel = vowel;
    prevLatin = ASCII_LETTER.test(ch) ? lowerAscii(word[i + length - 1] as string) : '';
    wordStart = false;
    i += length;
  }
  return out;
}

export function transliterateWord(word: string, pattern: CasePattern): string {
  const lower = word.toLowerCase();
  if (pattern !== 'mixed') {
    const found = splitStem(lower);
    if (found !== undefined) {
      const rest = word.slice(found.stem.length);
      if (rest.length === 0) return applyCase(found.cyrillic, pattern);
      const stem = applyCase(found.inflected, pattern);
      const tail = transliterateByRules(rest, false, CYRILLIC_VOWELS.has(found.inflected.slice(-1)));
      return pattern === 'upper' ? stem + tail.toUpperCase() : stem + tail;
    }
  }
  if (pattern !== 'mixed') {
    // ultrazamonaviy, multietnik: the prefix as the lexicon spells it, then a word of its own.
    const prefix = splitBoundPrefix(lower);
    if (prefix !== undefined) {
      const rest = word.slice(prefix.latin.length);
      return applyCase(prefix.cyrillic, pattern) + transliterateWord(rest, pattern === 'upper' ? 'upper' : 'lower');
    }
  }
  const out = transliterateByRules(word, true, false);
  return pattern === 'upper' ? out.toUpperCase() : out;
}
