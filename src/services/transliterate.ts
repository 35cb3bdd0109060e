/**
 * Uzbek Latin → Uzbek Cyrillic, and a script-blind fold for search.
 *
 * The Latin alphabet (1995) is mostly one letter to one letter, but it lost information the
 * Cyrillic one still writes, so a faithful transliteration needs rules plus a dictionary:
 * - digraphs: oʻ ў, gʻ ғ, sh ш, ch ч; ng is simply н + г;
 * - yo yu ya ye are the single letters ё ю я е (yoshlar ёшлар, dunyo дунё, tayyor тайёр),
 *   except before the letter oʻ (yoʻl йўл); after a consonant ye is ъе (obyekt объект);
 * - e is э at the start of a word and after a vowel (energetika энергетика, Sanae Санаэ);
 * - ʼ (tutuq belgisi) is ъ (maʼlumot маълумот), but sʼh is с + ҳ (Isʼhoq Исҳоқ), the apostrophe
 *   only being there to keep s and h apart from the digraph sh;
 * - ц is written ts after vowels and s elsewhere, so Russian loanwords need care: the -tsiya
 *   and -tsion endings, a word-initial ts and the -nsiya/-ksiya endings are ц by rule, the
 *   rest (sement цемент, konsert концерт) comes from the exceptions dictionary, which also
 *   restores ь, ъ and э that Latin drops (kompyuter компьютер, oktabr октябрь, mer мэр).
 * Acronyms that are not Uzbek (JICA, EXPO, IT), codes with digits (COVID-19's "COVID", G20),
 * words with letters Uzbek does not use (Corporation, Electric) and a few listed foreign names
 * (Sojitz, Toyota) stay in Latin, as the Uzbek Cyrillic press prints them. URLs and e-mail
 * addresses are never touched, nor is anything that is not Uzbek Latin.
 */
import {
  APOSTROPHE_LIKE,
  normalizeApostrophes,
  UZ_MODIFIER_APOSTROPHE,
  UZ_MODIFIER_TURNED_COMMA,
} from './apostrophes.ts';

const TURNED_COMMA = UZ_MODIFIER_TURNED_COMMA;
const TUTUQ = UZ_MODIFIER_APOSTROPHE;

/**
 * Words the rules get wrong, as [latin, cyrillic, stem before a suffix]. Keys are lowercase
 * Latin with normalised marks; a key also matches when Uzbek suffixes follow it (sementni,
 * konsertlarda), and the third column is the Cyrillic stem used then. Months are the reason
 * for it: the Uzbek Cyrillic press writes the bare month with ь ("1 январь", "октябрь ойида")
 * but drops it before a suffix ("1 январдан", "7 февралдаги", "сентябрда").
 */
const EXCEPTIONS: readonly (readonly [string, string, string?])[] = [
  // ц that Latin spells s (word-initially, after consonants) or ts before e.
  ['sement', 'цемент'],
  ['sentr', 'центр'],
  ['sentner', 'центнер'],
  ['senzura', 'цензура'],
  ['sex', 'цех'],
  ['sikl', 'цикл'],
  ['sirk', 'цирк'],
  ['sitata', 'цитата'],
  ['sivilizatsiya', 'цивилизация'],
  ['konsert', 'концерт'],
  ['konsern', 'концерн'],
  ['konsepsiya', 'концепция'],
  ['konsentratsiya', 'концентрация'],
  ['korrupsiya', 'коррупция'],
  ['prinsip', 'принцип'],
  ['aksent', 'акцент'],
  ['aksioner', 'акционер'],
  ['aksiz', 'акциз'],
  ['vaksina', 'вакцина'],
  ['vaksinatsiya', 'вакцинация'],
  ['litsey', 'лицей'],
  ['litsenziya', 'лицензия'],
  ['dotsent', 'доцент'],
  ['protsent', 'процент'],
  ['patsient', 'пациент'],
  ['farmatsevt', 'фармацевт'],
  ['farmatsevtika', 'фармацевтика'],
  ['spetsialist', 'специалист'],
  ['sotsial', 'социал'],
  // -nsiya that really is -нсия, against the -nsiya → -нция rule.
  ['pensiya', 'пенсия'],
  ['ekspansiya', 'экспансия'],
  // Months: ь on the bare word only (see above). sentabr/oktabr also hide я.
  ['yanvar', 'январь', 'январ'],
  ['fevral', 'февраль', 'феврал'],
  ['aprel', 'апрель', 'апрел'],
  ['iyun', 'июнь', 'июн'],
  ['iyul', 'июль', 'июл'],
  ['sentabr', 'сентябрь', 'сентябр'],
  ['oktabr', 'октябрь', 'октябр'],
  ['noyabr', 'ноябрь', 'ноябр'],
  ['dekabr', 'декабрь', 'декабр'],
  ['neft', 'нефть', 'нефт'],
  // ь and ъ inside Russian loanwords.
  ['kompyuter', 'компьютер'],
  ['intervyu', 'интервью'],
  ['batalyon', 'батальон'],
  ['pavilyon', 'павильон'],
  ['vyetnam', 'вьетнам'],
  ['nyu', 'нью'],
  ['york', 'йорк'],
  // й + vowel where the rules would read one iotated letter.
  ['rayon', 'район'],
  ['mayor', 'майор'],
  ['mayonez', 'майонез'],
  ['yoga', 'йога'],
  ['kyoto', 'киото'],
  // э inside a word.
  ['mer', 'мэр'],
  // е after a vowel in Russian loanwords, where the rule would write э.
  ['poezd', 'поезд'],
  ['klient', 'клиент'],
  ['dieta', 'диета'],
  // Cyrillic ўъ, which Latin writes as oʻ alone.
  [`mo${TURNED_COMMA}jiza`, 'мўъжиза'],
  [`mo${TURNED_COMMA}jaz`, 'мўъжаз'],
  [`mo${TURNED_COMMA}tabar`, 'мўътабар'],
  [`mo${TURNED_COMMA}tadil`, 'мўътадил'],
];

/** Foreign names spelled with Uzbek letters only, printed in Latin in Cyrillic text too. */
const KEEP_LATIN = new Set([
  'sojitz',
  'toyota',
  'tsusho',
  'the',
  'plaza',
  'industries',
  'trading',
  'holdings',
  'group',
  'youtube',
  'tiktok',
]);

/** Uzbek abbreviations that are transliterated although they are written in capitals. */
const UZBEK_ACRONYMS = new Set([
  'bmt',
  'aqsh',
  'mdh',
  'shht',
  'yaim',
  'yei',
  'yeoii',
  'xvf',
  'xxr',
  'jst',
  'iiv',
  'dxx',
  'oav',
  'fvv',
  'mchj',
  'aj',
  'qk',
]);

const EXCEPTION_MAP = new Map(
  EXCEPTIONS.map(([latin, cyrillic, stem]) => [latin, { cyrillic, stem: stem ?? cyrillic }]),
);
const LONGEST_EXCEPTION = Math.max(...EXCEPTIONS.map(([latin]) => latin.length));

/**
 * Inflectional and common derivational suffixes that may follow a dictionary stem. Matched
 * as a chain (konsert+lar+i+da); the chain is short in real words, and the length check in
 * `splitStem` keeps this ambiguous alternation from backtracking on hostile input.
 */
const SUFFIX_CHAIN =
  /^(?:lar|ning|ni|gacha|ga|ka|qa|dagi|dan|da|gi|dek|day|dir|imiz|ingiz|im|ing|i|si|miz|ngiz|m|ng|lik|li|siz|chi|cha|dor|viy|mi|ku|yu|u|lashtir|lash|ish|gan|gina)*$/;
const MAX_SUFFIX_CHAIN = 16;

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

type CasePattern = 'lower' | 'title' | 'upper' | 'mixed';

function lowerAscii(ch: string): string {
  return ch >= 'A' && ch <= 'Z' ? String.fromCharCode(ch.charCodeAt(0) + 32) : ch;
}

function casePattern(word: string): CasePattern {
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

function startsWithLower(word: string, at: number, text: string): boolean {
  for (let k = 0; k < text.length; k++) {
    if (lowerAscii(word[at + k] ?? '') !== text[k]) return false;
  }
  return true;
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
      (wordStart || startsWithLower(word, i + 2, 'iya') || startsWithLower(word, i + 2, 'ion'))
    ) {
      // Uzbek words never start with ts, and -tsiya/-tsion are always Russian -ция/-цион;
      // elsewhere ts is т + с (ketsa, aytsin).
      cyrillic = 'ц';
      length = 2;
    } else if (l === 's' && (prevLatin === 'n' || prevLatin === 'k') && startsWithLower(word, i + 1, 'iya')) {
      // -nsiya/-ksiya are Russian -нция/-кция (stansiya, Fransiya, aksiya, funksiya).
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

/** A dictionary entry that `lower` starts with, followed only by suffixes, or undefined. */
function splitStem(lower: string): { stem: string; cyrillic: string; inflected: string } | undefined {
  for (let length = Math.min(lower.length, LONGEST_EXCEPTION); length > 0; length--) {
    const stem = lower.slice(0, length);
    const entry = EXCEPTION_MAP.get(stem);
    if (entry === undefined) continue;
    const rest = lower.slice(length);
    if (rest.length === 0) return { stem, cyrillic: entry.cyrillic, inflected: entry.stem };
    if (rest.length <= MAX_SUFFIX_CHAIN && SUFFIX_CHAIN.test(rest)) {
      return { stem, cyrillic: entry.cyrillic, inflected: entry.stem };
    }
  }
  return undefined;
}

function isKeptLatin(lower: string): boolean {
  if (KEEP_LATIN.has(lower)) return true;
  for (const name of KEEP_LATIN) {
    if (lower.startsWith(name)) {
      const rest = lower.slice(name.length);
      if (rest.length <= MAX_SUFFIX_CHAIN && SUFFIX_CHAIN.test(rest)) return true;
    }
  }
  return false;
}

/**
 * True when `word` is handled by the dictionary or kept in Latin rather than transliterated
 * by the rules alone (including inflected forms such as sementlarni).
 */
export function isTransliterationException(word: string): boolean {
  const lower = normalizeApostrophes(word).toLowerCase();
  return splitStem(lower) !== undefined || isKeptLatin(lower);
}

/** True when the text has letters of the Uzbek Latin alphabet, i.e. something to transliterate. */
export function containsUzbekLatin(text: string): boolean {
  return ASCII_LETTER.test(text);
}

function transliterateWord(word: string, pattern: CasePattern): string {
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
  const out = transliterateByRules(word, true, false);
  return pattern === 'upper' ? out.toUpperCase() : out;
}

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
  if (UZBEK_ACRONYMS.has(lower) || splitStem(lower) !== undefined) return true;
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

/** The transliteration itself, never remembered (exported for the test that compares the two). */
export function transliterateText(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(PROTECTED)) {
    out += transliterateSegment(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + transliterateSegment(text.slice(last));
}

/** Uzbek Cyrillic letters read as Latin without apostrophes (search folding); see uzbek-cyrillic.ts for text. */
export const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ғ: 'g',
  д: 'd',
  ё: 'yo',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  қ: 'q',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  ў: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'x',
  ҳ: 'h',
  ч: 'ch',
  ш: 'sh',
  щ: 'sh',
  ъ: '',
  ы: 'i',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};
const FOLD_APOSTROPHES = new Set(APOSTROPHE_LIKE);
const FOLD_VOWELS = new Set('аеёиоуэюяўaeiou');

/**
 * One spelling for search: lowercase Latin with every apostrophe-like mark removed, Cyrillic
 * read as Uzbek Latin. "Samarqand", "SAMARQAND" and "Самарқанд" all give "samarqand";
 * "Oʻzbekiston", "O'zbekiston", "O‘zbekiston" and "Ўзбекистон" all give "ozbekiston".
 *
 * This is deliberately lossy and must match how the search index folds stored text
 * (migration 0002 removes ʻ ʼ ' ‘ ’ `): ў and о both become o, ғ and г both g, ъ and ь
 * vanish (маълумот = maʼlumot = malumot). е is ye at the start of a word and after a vowel
 * or ъ/ь (Европа yevropa, объект obyekt), ц is ts after a vowel and s elsewhere (лицей
 * litsey, цемент sement), as the Latin alphabet spells them.
 */
export function foldUzbekForSearch(text: string): string {
  const lower = text.toLowerCase();
  let out = '';
  let prev = '';
  for (const ch of lower) {
    if (FOLD_APOSTROPHES.has(ch)) continue;
    const mapped = CYRILLIC_TO_LATIN[ch];
    if (ch === 'е') {
      const iotated = prev === '' || !/\p{L}/u.test(prev) || FOLD_VOWELS.has(prev) || prev === 'ъ' || prev === 'ь';
      out += iotated ? 'ye' : 'e';
    } else if (ch === 'ц') {
      out += FOLD_VOWELS.has(prev) ? 'ts' : 's';
    } else {
      out += mapped ?? ch;
    }
    prev = ch;
  }
  return out;
}
