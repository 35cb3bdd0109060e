/**
 * Chooses the edition for a reader who arrives at "/": the `lang` cookie, else the
 * Accept-Language header (q-values honoured, regional tags mapped), else English.
 */
import { DEFAULT_LANGUAGE, isContentLanguage, isEdition, type Edition } from './languages.ts';

export interface LanguageRange {
  tag: string;
  q: number;
}

// Headers are attacker-controlled: bound the work done on them.
const MAX_HEADER_LENGTH = 4096;
const MAX_RANGES = 32;
const RANGE = /^(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$/i;
const QUALITY = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

/** Parses Accept-Language; malformed ranges are skipped, q=0 ranges excluded, order by q then position. */
export function parseAcceptLanguage(header: string | null | undefined): LanguageRange[] {
  if (!header) return [];
  const ranges: (LanguageRange & { position: number })[] = [];
  const parts = header.slice(0, MAX_HEADER_LENGTH).split(',').slice(0, MAX_RANGES);
  parts.forEach((part, position) => {
    const [rawTag = '', ...params] = part.split(';').map((piece) => piece.trim());
    if (!RANGE.test(rawTag)) return;
    let q = 1;
    for (const param of params) {
      if (!/^q=/i.test(param)) continue;
      const match = QUALITY.exec(param);
      if (!match) return; // an unreadable weight makes the whole range unreadable
      q = Number(match[1]);
    }
    if (q <= 0) return;
    ranges.push({ tag: rawTag.toLowerCase(), q, position });
  });
  return ranges.sort((a, b) => b.q - a.q || a.position - b.position).map(({ tag, q }) => ({ tag, q }));
}

/** Maps a language range to an edition: ja-JP → ja, uz-UZ / uz-Latn → uz, uz-Cyrl(-UZ) → uz-Cyrl, en-GB → en. */
function matchEdition(tag: string): Edition | null {
  const subtags = tag.toLowerCase().split('-');
  const primary = subtags[0] ?? '';
  if (primary === 'uz' && subtags.includes('cyrl')) return 'uz-Cyrl';
  return isContentLanguage(primary) ? primary : null;
}

/**
 * The edition to send a reader to: the remembered choice (the value of a cookie, as the route
 * read it with hono/cookie) when it names an edition, else the best Accept-Language range, else
 * the default. A range of "*" accepts anything, so the default serves it.
 */
export function chooseLanguage(
  remembered: string | null | undefined,
  acceptLanguage: string | null | undefined,
): Edition {
  if (remembered && isEdition(remembered)) return remembered;
  for (const range of parseAcceptLanguage(acceptLanguage)) {
    const edition = matchEdition(range.tag);
    if (edition) return edition;
  }
  return DEFAULT_LANGUAGE;
}
