/**
 * Finds the words of a text and decides which of them are Uzbek: quotation marks are paired
 * so that a quoted foreign name (“Sojitz Corporation”) stays Latin as a whole, a foreign name
 * carries into the capitalised words after it ("The Caspian Post"), acronyms in capitals stay
 * Latin unless they are Uzbek, and URLs and e-mail addresses are never touched.
 */
import { normalizeApostrophes, UZ_MODIFIER_APOSTROPHE, UZ_MODIFIER_TURNED_COMMA } from '../apostrophes.ts';
import { isKeptLatin, isUzbekAcronym, splitStem } from './lexicon.ts';
import { casePattern, type CasePattern, transliterateWord } from './letter-rules.ts';

const TURNED_COMMA = UZ_MODIFIER_TURNED_COMMA;
const TUTUQ = UZ_MODIFIER_APOSTROPHE;

/** URLs and e-mail addresses pass through untouched. */
const PROTECTED = /https?:\/\/\S+|www\.\S+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/**
 * A word (letters, marks and digits, with ʻ/ʼ inside or at the end) or a quotation mark. The
 * modifier letters are \p{L} in Unicode, so they are excluded from the letter class.
 */
const TOKEN_OR_QUOTE =
  /((?:(?![\u02BB\u02BC])[\p{L}\p{M}\p{N}])+(?:[\u02BB\u02BC](?:(?![\u02BB\u02BC])[\p{L}\p{M}\p{N}])*)*)|(["'`«»‹›„‚“”‘’])/gu;
const ASCII_LETTER = /[A-Za-z]/;
const DIGIT = /\p{N}/u;
/** Latin letters Uzbek does not use (c outside ch, w, anything accented) mark a foreign word. */
const FOREIGN_LETTER = /(?![A-Za-z])\p{Script=Latin}|\p{M}|[wW]|[cC](?![hH])/u;
/** iPhone, eBay: a lowercase letter then a capital is a brand, not Uzbek. */
const CAMEL_START = /^[a-z][A-Z]/;
/** Letters and marks that only Uzbek words have, which stop a foreign name from spreading. */
const UZBEK_MARKER = /[\u02BB\u02BCqQxX]/;
const ONLY_SPACE = /^ $/;
const CAPS_RUN_SEPARATOR = /^[\s\-\u2013\u2014]+$/;

interface Token {
  text: string;
  start: number;
  end: number;
  /** Innermost quotation the token stands in, or -1. */
  quote: number;
  /** Has Latin letters and is not a code with digits. */
  latin: boolean;
  foreign: boolean;
  pattern: CasePattern;
}

/** Which quotation marks close which (“ opens in English and closes German „). */
const CLOSES: Readonly<Record<string, string>> = {
  '»': '«',
  '›': '‹',
  '”': '“„',
  '“': '„',
  '’': '‘‚',
  '‘': '‚',
  '"': '"',
  "'": "'",
  '`': '`',
};
const OPENS = new Set(['«', '‹', '„', '‚', '“', '‘', '"', "'", '`']);
const SYMMETRIC = new Set(['"', "'", '`']);
const SPACE = /\s/u;

function isCapitalised(token: Token): boolean {
  return token.pattern === 'title' || token.pattern === 'upper';
}

function transliterateSegment(segment: string): string {
  const text = normalizeApostrophes(segment);
  const tokens: Token[] = [];
  const stack: { mark: string; id: number }[] = [];
  const closed: boolean[] = [];
  for (const match of text.matchAll(TOKEN_OR_QUOTE)) {
    const start = match.index;
    const word = match[1];
    if (word !== undefined) {
      const latin = ASCII_LETTER.test(word) && !DIGIT.test(word);
      tokens.push({
        text: word,
        start,
        end: start + word.length,
        quote: stack.at(-1)?.id ?? -1,
        latin,
        foreign: latin && (FOREIGN_LETTER.test(word) || CAMEL_START.test(word) || isKeptLatin(word.toLowerCase())),
        pattern: casePattern(word),
      });
      continue;
    }
    const mark = match[2] as string;
    const prev = text[start - 1];
    const next = text[start + 1];
    const openers = CLOSES[mark];
    const canClose = !SYMMETRIC.has(mark) || (prev !== undefined && !SPACE.test(prev));
    const at = openers === undefined || !canClose ? -1 : stack.findLastIndex((entry) => openers.includes(entry.mark));
    if (at >= 0) {
      closed[(stack[at] as { id: number }).id] = true;
      stack.length = at;
    } else if (OPENS.has(mark) && next !== undefined && !SPACE.test(next)) {
      stack.push({ mark, id: closed.length });
      closed.push(false);
    }
  }

  // Quoted names (every word capitalised) with a foreign word in them stay Latin as a whole:
  // “Sojitz Corporation”, “Kyoto Plaza”, “Le One Co. Ltd.”.
  const keep = new Array<boolean>(tokens.length).fill(false);
  const quoted = new Map<number, number[]>();
  tokens.forEach((token, index) => {
    if (token.quote >= 0 && closed[token.quote] === true) {
      const members = quoted.get(token.quote) ?? [];
      members.push(index);
      quoted.set(token.quote, members);
    }
  });
  for (const members of quoted.values()) {
    const words = members.map((index) => tokens[index] as Token).filter((token) => token.latin);
    if (!words.every(isCapitalised) || !words.some((token) => token.foreign)) continue;
    for (const index of members) {
      if (!UZBEK_MARKER.test((tokens[index] as Token).text.replace(/[qQxX]/g, ''))) keep[index] = true;
    }
  }
  // Unquoted, a foreign name carries on into the capitalised words right after it
  // ("The Caspian Post"), but not into ones that are clearly Uzbek.
  for (let index = 1; index < tokens.length; index++) {
    const prev = tokens[index - 1] as Token;
    const token = tokens[index] as Token;
    if (
      (prev.foreign || keep[index - 1] === true) &&
      prev.pattern === 'title' &&
      token.pattern === 'title' &&
      token.latin &&
      ONLY_SPACE.test(text.slice(prev.end, token.start)) &&
      !UZBEK_MARKER.test(token.text)
    ) {
      keep[index] = true;
    }
  }

  let out = '';
  let last = 0;
  tokens.forEach((token, index) => {
    if (!token.latin || token.foreign || keep[index] === true) return;
    if (token.pattern === 'upper' && !transliteratesInCapitals(tokens, index, text)) return;
    out += text.slice(last, token.start) + transliterateWord(token.text, token.pattern);
    last = token.end;
  });
  return out + text.slice(last);
}

/**
 * A word in capitals is an acronym left in Latin (JICA, EXPO, IT) unless it is Uzbek: it has
 * ʻ/ʼ (OʻZBEKISTON), is a known Uzbek abbreviation (BMT, AQSH) or dictionary word, or stands
 * next to another word in capitals, as in a headline set in capitals.
 */
function transliteratesInCapitals(tokens: readonly Token[], index: number, text: string): boolean {
  const token = tokens[index] as Token;
  const lower = token.text.toLowerCase();
  if (token.text.includes(TURNED_COMMA) || token.text.includes(TUTUQ)) return true;
  if (isUzbekAcronym(lower) || splitStem(lower) !== undefined) return true;
  const isCapsNeighbour = (other: Token | undefined, from: number, to: number): boolean =>
    other !== undefined &&
    other.latin &&
    !other.foreign &&
    other.pattern === 'upper' &&
    CAPS_RUN_SEPARATOR.test(text.slice(from, to));
  const prev = tokens[index - 1];
  const next = tokens[index + 1];
  return (
    isCapsNeighbour(prev, prev?.end ?? 0, token.start) || isCapsNeighbour(next, token.end, next?.start ?? token.end)
  );
}

/**
 * Dates as the Uzbek Cyrillic press writes them: "2025 йил 19 декабрь", "26 январда", where
 * Latin text writes "2025-yil 19-dekabr", "26-yanvarda". Only a number right before the word
 * is touched, so ordinals ("51-ҳафта") keep their hyphen.
 */
const LATIN_STYLE_DATE =
  /(\d)-(йил|январ|феврал|март|апрел|май|июн|июл|август|сентябр|октябр|ноябр|декабр)(?![а-яёўқғҳ]*-)/gu;

/** The transliteration itself, never remembered. */
export function transliterateText(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(PROTECTED)) {
    out += transliterateSegment(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return (out + transliterateSegment(text.slice(last))).replace(LATIN_STYLE_DATE, '$1 $2');
}
