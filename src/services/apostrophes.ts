/**
 * Uzbek Latin writes two different marks that keyboards, feeds and translators all render as
 * "some apostrophe": U+02BB ʻ, part of the letters oʻ and gʻ, and U+02BC ʼ, the tutuq belgisi
 * (glottal stop, Cyrillic ъ) in maʼlumot, taʼlim, sanʼat. Text arrives with ' ` ‘ ’ and friends
 * in both roles, and search, slugs and transliteration only work on one spelling, so this
 * module picks the right mark from the neighbouring letters.
 *
 * The rule, in order:
 * 1. An apostrophe right after a Latin o/g (either case) is ʻ: oʻzbek, Gʻalaba, togʻ, bogʻ.
 *    In Uzbek the tutuq belgisi never follows a bare o: the Cyrillic sequence ўъ (мўъжиза,
 *    мўътабар, мўътадил) is spelled with the letter oʻ alone in Latin (moʻjiza, moʻtabar), so
 *    "mo'jiza" is oʻ too. gʻ likewise. A writer who does spell both marks ("mo''tabar") gets
 *    oʻʼ: the second apostrophe, between oʻ/gʻ and a letter, is the tutuq belgisi.
 *    The one exception is a word-final apostrophe that closes a single-quoted phrase
 *    ('Kyoto' or 'Toyota Tsusho'): with a quote open and no later closing apostrophe on the
 *    line before the next opening one, it is a quotation mark and stays as it is. A later
 *    closing apostrophe means this one was the letter ('Bog' ko'chasi' → 'Bogʻ koʻchasi').
 * 2. Any other apostrophe between two Latin letters is ʼ: maʼlumot, Isʼhoq, qatʼiy.
 * 3. Everything else (opening quotes, closing quotes after other letters, apostrophes next to
 *    digits, Cyrillic or spaces) is left exactly as it was.
 *
 * Letters here mean ASCII a–z: Uzbek Latin has no other letters, and an apostrophe inside a
 * French or Turkish name (l'économie) is not ours to change. The result is idempotent.
 */

/** ʻ, modifier letter turned comma: the second half of the letters oʻ and gʻ. */
export const UZ_MODIFIER_TURNED_COMMA = '\u02BB';
/** ʼ, modifier letter apostrophe: tutuq belgisi, Cyrillic ъ (maʼlumot = маълумот). */
export const UZ_MODIFIER_APOSTROPHE = '\u02BC';

/**
 * Every character used for either mark in the wild: ASCII apostrophe and grave accent, curly
 * quotes, the two correct modifier letters, reversed comma (ʽ), modifier prime (ʹ), prime (′)
 * and acute accent (´).
 */
export const APOSTROPHE_LIKE = "'`\u2018\u2019\u02BC\u02BB\u02BD\u02B9\u2032\u00B4";

const APOSTROPHE_SET = new Set(APOSTROPHE_LIKE);
const HAS_APOSTROPHE = new RegExp(`[${APOSTROPHE_LIKE}]`, 'u');
// The modifier letters ʻ ʼ ʽ ʹ are \p{L} in Unicode, but here they are marks, not letters.
const LETTER_OR_DIGIT = /(?![\u02BB\u02BC\u02BD\u02B9])[\p{L}\p{N}]/u;

/**
 * Where an apostrophe stands: `inner` between two letters (part of a word, never a quotation
 * mark), `opening` after a non-letter and before a letter, `closing` after a letter or digit
 * and not before a letter (may close a quotation), `other` anywhere else.
 */
type Boundary = 'inner' | 'opening' | 'closing' | 'other';

function isAsciiLetter(ch: string | undefined): boolean {
  return ch !== undefined && ch.length === 1 && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));
}

function isOorG(ch: string | undefined): boolean {
  return ch === 'o' || ch === 'O' || ch === 'g' || ch === 'G';
}

function classify(text: string, i: number): Boundary {
  const prev = text[i - 1];
  const next = text[i + 1];
  if (isAsciiLetter(prev) && isAsciiLetter(next)) return 'inner';
  const prevIsWordy = prev !== undefined && LETTER_OR_DIGIT.test(prev);
  if (!prevIsWordy && next !== undefined && LETTER_OR_DIGIT.test(next)) return 'opening';
  if (prevIsWordy && !isAsciiLetter(next)) return 'closing';
  return 'other';
}

/**
 * For each position, the kind of the next non-inner apostrophe on the same line (or Other if
 * none). Built right to left once, so deciding every word-final oʻ/gʻ stays linear.
 */
function nextBoundaries(text: string): Boundary[] {
  const result = new Array<Boundary>(text.length);
  let next: Boundary = 'other';
  for (let i = text.length - 1; i >= 0; i--) {
    result[i] = next;
    const ch = text[i] as string;
    if (ch === '\n') {
      next = 'other';
    } else if (APOSTROPHE_SET.has(ch)) {
      const kind = classify(text, i);
      if (kind !== 'inner') next = kind;
    }
  }
  return result;
}

export function normalizeApostrophes(text: string): string {
  if (!HAS_APOSTROPHE.test(text)) return text;
  const chars = text.split('');
  let following: Boundary[] | undefined;
  let quoteOpen = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\n') {
      quoteOpen = false;
      continue;
    }
    if (!APOSTROPHE_SET.has(ch)) continue;
    const prev = text[i - 1];
    const next = text[i + 1];
    if (isAsciiLetter(prev) && isOorG(prev)) {
      const beforeLetterOrMark = isAsciiLetter(next) || (next !== undefined && APOSTROPHE_SET.has(next));
      if (beforeLetterOrMark) {
        chars[i] = UZ_MODIFIER_TURNED_COMMA;
        continue;
      }
      // Word-final: the letter (togʻ) unless it closes an open single-quoted phrase.
      following ??= nextBoundaries(text);
      if (quoteOpen && following[i] !== 'closing') {
        quoteOpen = false;
      } else {
        chars[i] = UZ_MODIFIER_TURNED_COMMA;
      }
      continue;
    }
    const kind = classify(text, i);
    if (kind === 'inner') {
      chars[i] = UZ_MODIFIER_APOSTROPHE;
    } else if (isAsciiLetter(next) && prev !== undefined && APOSTROPHE_SET.has(prev) && isOorG(text[i - 2])) {
      // The second of two marks after o/g ("mo''tabar"): oʻ followed by the tutuq belgisi.
      chars[i] = UZ_MODIFIER_APOSTROPHE;
    } else if (kind === 'opening') {
      quoteOpen = true;
    } else if (kind === 'closing') {
      quoteOpen = false;
    }
  }
  return chars.join('');
}
