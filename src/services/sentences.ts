/**
 * Sentence splitting for Latin, Cyrillic and Japanese text. Extractive summaries are cut
 * from each language's own text, so a wrong split shows up as a broken summary.
 */

// Tokens whose trailing period does not end a sentence (compared in lower case, without the dot).
const ABBREVIATIONS = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'prof',
  'st',
  'jr',
  'sr',
  'inc',
  'ltd',
  'co',
  'corp',
  'vs',
  'etc',
  'no',
  'nos',
  'vol',
  'fig',
  'gen',
  'gov',
  'sen',
  'rep',
  'dept',
  'approx',
  'est',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'e.g',
  'i.e',
  'u.s',
  'u.k',
  'bn',
  'mn',
  'mln',
  'mlrd',
  'trln',
  'bln',
  'km',
  'kg',
  'yil',
  'y',
  'sh',
  'mil',
  'ming',
  'млн',
  'млрд',
  'трлн',
  'й',
  'ш',
  'т',
  'проф',
  'др',
  'г',
  'гг',
  'ул',
]);

const LATIN_BOUNDARY = /([.!?…]+)(["”»’)\]]*)(\s+)(?=["“«‘([]?[\p{Lu}\p{Nd}])/gu;

/** No abbreviation is longer than this; looking further back only costs time. */
const ABBREVIATION_WINDOW = 24;

function endsWithAbbreviation(before: string): boolean {
  // Only the tail: matching the whole text before every full stop made splitting quadratic.
  const tail = before.length > ABBREVIATION_WINDOW ? before.slice(-ABBREVIATION_WINDOW) : before;
  const match = /(?:^|[\s(“"«])([\p{L}.$\d]+)$/u.exec(tail);
  if (!match) return false;
  // The token runs past the window: far too long to be an abbreviation.
  if (match.index === 0 && tail !== before && !/^[\s(“"«]/u.test(match[0])) return false;
  const token = (match[1] ?? '').replace(/^\$?\d*/u, '').toLowerCase();
  if (token.length === 0) return false;
  // A single capital letter before the dot is an initial ("S. Umurzakov").
  if (/^\p{L}$/u.test(token)) return true;
  return ABBREVIATIONS.has(token);
}

// A quotation longer than this is taken to be an unclosed quote mark in the source, not a quote.
const MAX_QUOTATION = 400;

/** Inside “…” / «…» / "…": a full stop there ends the quoted sentence, not ours. */
function insideQuotation(segment: string): boolean {
  if (segment.length > MAX_QUOTATION) return false;
  let straight = 0;
  let curly = 0;
  let guillemets = 0;
  for (const char of segment) {
    if (char === '"') straight += 1;
    else if (char === '“') curly += 1;
    else if (char === '”') curly -= 1;
    else if (char === '«') guillemets += 1;
    else if (char === '»') guillemets -= 1;
  }
  return straight % 2 === 1 || curly > 0 || guillemets > 0;
}

function splitLatin(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of text.matchAll(LATIN_BOUNDARY)) {
    const index = match.index;
    const punctuation = match[1] ?? '';
    const closers = match[2] ?? '';
    const before = text.slice(start, index);
    if (punctuation === '.' && endsWithAbbreviation(before)) continue;
    if (insideQuotation(before + punctuation + closers)) continue;
    const end = index + punctuation.length + closers.length;
    sentences.push(text.slice(start, end).trim());
    start = end + (match[3]?.length ?? 0);
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

const JA_OPEN = new Set(['「', '『', '（', '(', '【', '〔']);
const JA_CLOSE = new Set(['」', '』', '）', ')', '】', '〕']);
const JA_END = new Set(['。', '！', '？', '!', '?']);

/** 。 inside 「…」 belongs to the quotation; the sentence ends after the closing bracket. */
function splitJapanese(text: string): string[] {
  const sentences: string[] = [];
  let depth = 0;
  let current = '';
  const chars = [...text];
  for (let i = 0; i < chars.length; i += 1) {
    const char = chars[i] ?? '';
    current += char;
    if (JA_OPEN.has(char)) depth += 1;
    else if (JA_CLOSE.has(char)) depth = Math.max(0, depth - 1);
    else if (JA_END.has(char) && depth === 0) {
      while (i + 1 < chars.length && (JA_END.has(chars[i + 1] ?? '') || JA_CLOSE.has(chars[i + 1] ?? ''))) {
        i += 1;
        current += chars[i];
      }
      if (current.trim()) sentences.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) sentences.push(current.trim());
  return sentences;
}

export function splitSentences(text: string, lang: string): string[] {
  const normalized = text.replace(/\s+/g, ' ').trim();
  if (!normalized) return [];
  return lang === 'ja' ? splitJapanese(normalized) : splitLatin(normalized);
}

/**
 * The lead of a report as its summary: its first sentences, two or three of them, stopping
 * at two once they are long enough to stand alone.
 */
export function summarizeLead(paragraphs: readonly string[], lang: string): string {
  const sentences = paragraphs.flatMap((paragraph) => splitSentences(paragraph, lang));
  const longEnough = lang === 'ja' ? 120 : 280;
  const chosen: string[] = [];
  for (const sentence of sentences) {
    chosen.push(sentence);
    const length = chosen.join(' ').length;
    if (chosen.length >= 3 || (chosen.length >= 2 && length >= longEnough)) break;
  }
  return chosen.join(lang === 'ja' ? '' : ' ');
}
