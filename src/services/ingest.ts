/**
 * Ingestion: turns a raw web capture plus its manifest entry into a clean document.
 * Pure (no I/O) so the seed script, the editorial API and the tests share it.
 */

export interface ManifestEntry {
  file: string;
  title: string | null;
  source: string;
  url: string;
  published: string;
  published_note?: string | null;
  language: string;
}

export type BlockKind = 'p' | 'h';

export interface Block {
  kind: BlockKind;
  text: string;
}

type HeadlineOrigin = 'manifest' | 'text' | 'editorial';

export interface CleanDocument {
  headline: string;
  headlineOrigin: HeadlineOrigin;
  blocks: Block[];
  photoCredit: string | null;
  sourceName: string;
  sourceUrl: string;
  publishedOn: string;
  publishedNote: string | null;
  language: string;
}

export class IngestError extends Error {
  override name = 'IngestError';
}

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const DATE_LINE = new RegExp(
  `^(?:\\d{1,2} (?:${MONTHS}) \\d{4}|(?:${MONTHS}) \\d{1,2}, \\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{2}\\.\\d{2}\\.\\d{4})$`,
  'i',
);
const PHOTO_CREDIT = /^(?:photo|image|picture)(?: credits?)?\s*:\s*(.+)$/i;
const RELATED_HEADER = /^(?:related (?:news|articles|stories)|read also|see also|more on this)\s*:?$/i;
const COMMENTS = /^comments\s*\(\d+\)$/i;
const TAGS = /^tags\s*:?\s*$/i;
const FOLLOW_CALL =
  /^(?:follow|subscribe to|join)\b.*\b(?:instagram|twitter|telegram|facebook|youtube|x|channel|newsletter|pages?)\b/i;
const TWEET_ATTRIBUTION = /^(?:—|-|&mdash;)\s*.+\(@\w+\)\s+(?:[A-Z][a-z]+ \d{1,2}, \d{4})$/;
const TWEET_LINK = /(?:https?:\/\/t\.co\/|pic\.twitter\.com\/)/;
const SITE_BANNER = /\|\s*stay updated with|^latest news\b.*\|/i;
// A block ending like a sentence (or a quotation that closes one) is body text, not a subheading.
const SENTENCE_END = /[.!?:;…"”»)）。」]$/u;

/** Folds quotes, case and spacing so "a title" and “A  Title” compare equal. */
function foldForComparison(line: string): string {
  return line
    .normalize('NFKC')
    .replace(/[“”«»„"]/g, '"')
    .replace(/[‘’ʼʻ`']/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function splitLines(raw: string): string[] {
  return raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0);
}

function isHeadingLike(line: string): boolean {
  return line.split(' ').length <= 15 && !SENTENCE_END.test(line);
}

/** Indexes of the lines that belong to an embedded tweet (text, attribution, emoji, links). */
function findTweetLines(lines: string[]): Set<number> {
  const dropped = new Set<number>();
  lines.forEach((line, index) => {
    if (!TWEET_ATTRIBUTION.test(line)) return;
    let start = index;
    const previous = lines[index - 1];
    if (previous !== undefined && /(^|\s)#\w/u.test(previous)) start = index - 1;
    let end = index;
    for (let next = index + 1; next < Math.min(lines.length, index + 6); next += 1) {
      if (TWEET_LINK.test(lines[next] ?? '')) {
        end = next;
        break;
      }
    }
    for (let i = start; i <= end; i += 1) dropped.add(i);
  });
  lines.forEach((line, index) => {
    if (TWEET_LINK.test(line)) dropped.add(index);
  });
  return dropped;
}

/**
 * Cleans one capture. `editorialHeadline` is used only when neither the manifest nor the
 * text has a headline; without one such a capture is rejected rather than published untitled.
 */
export function cleanCapture(raw: string, entry: ManifestEntry, editorialHeadline?: string): CleanDocument {
  const lines = splitLines(raw);
  if (lines.length === 0) throw new IngestError(`${entry.file}: the capture is empty`);

  let cursor = 0;
  // A date printed above the title is page furniture; the manifest carries the date.
  while (cursor < lines.length && DATE_LINE.test(lines[cursor] ?? '')) cursor += 1;

  let headline = entry.title?.trim() || null;
  let headlineOrigin: HeadlineOrigin = 'manifest';
  const firstLine = lines[cursor] ?? '';
  if (headline === null && isHeadingLike(firstLine)) {
    headline = firstLine;
    headlineOrigin = 'text';
  }
  if (headline === null) {
    if (!editorialHeadline?.trim()) {
      throw new IngestError(`${entry.file}: no headline in the manifest or the text, and none given`);
    }
    headline = editorialHeadline.trim();
    headlineOrigin = 'editorial';
  }
  const foldedHeadline = foldForComparison(headline);

  const tweetLines = findTweetLines(lines);
  const blocks: Block[] = [];
  const seenParagraphs = new Set<string>();
  let photoCredit: string | null = null;
  let inRelatedBlock = false;

  for (let index = cursor; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const folded = foldForComparison(line);
    if (tweetLines.has(index)) continue;
    if (folded === foldedHeadline) continue;
    if (DATE_LINE.test(line) && blocks.length === 0) continue;
    const credit = PHOTO_CREDIT.exec(line);
    if (credit) {
      photoCredit ??= credit[1]?.trim() ?? null;
      continue;
    }
    if (SITE_BANNER.test(line) || (folded.endsWith(foldedHeadline) && folded.includes('|'))) continue;
    if (COMMENTS.test(line) || TAGS.test(line) || FOLLOW_CALL.test(line)) continue;
    if (RELATED_HEADER.test(line)) {
      inRelatedBlock = true;
      continue;
    }
    // "Related news" repeats teasers of stories already shown; a new paragraph ends the block.
    if (seenParagraphs.has(folded)) continue;
    if (inRelatedBlock) inRelatedBlock = false;

    seenParagraphs.add(folded);
    blocks.push({
      kind: blocks.length > 0 && isHeadingLike(line) && line.split(' ').length <= 8 ? 'h' : 'p',
      text: line,
    });
  }

  if (!blocks.some((block) => block.kind === 'p')) {
    throw new IngestError(`${entry.file}: no body text left after cleaning`);
  }

  return {
    headline,
    headlineOrigin,
    blocks,
    photoCredit,
    sourceName: entry.source,
    sourceUrl: entry.url,
    publishedOn: entry.published,
    publishedNote: entry.published_note ?? null,
    language: entry.language,
  };
}

/**
 * What a slug is, for every reader of one (pages, API, admin): lowercase ASCII words joined by
 * single hyphens. `createSlug` only makes such slugs.
 */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** ASCII, stable, URL-safe slug from a headline (used once, then stored). */
export function createSlug(headline: string, maxLength = 80): string {
  const ascii = headline
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    // Apostrophes are part of Uzbek letters (oʻ, gʻ) and words (maʼlumot): drop, don't split.
    .replace(/[ʻʼ'‘’`]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= maxLength) return ascii || 'untitled';
  const cut = ascii.slice(0, maxLength);
  return cut.slice(0, cut.lastIndexOf('-') > 20 ? cut.lastIndexOf('-') : maxLength);
}
