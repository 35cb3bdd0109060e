/**
 * The editorial desk's domain rules, on plain data (no HTTP, no D1): turning a submission into
 * a clean document, a translation into stored text, and the snapshots kept as revisions.
 */
import { normalizeApostrophes } from './apostrophes.ts';
import { isTopicId } from './corpus.ts';
import { invalidFields } from './domain-error.ts';
import { hashText } from './hash.ts';
import { cleanCapture, createSlug, IngestError, type Block, type BlockKind } from './ingest.ts';
import { getIsoWeek } from './iso-week.ts';
import type { ContentLanguage } from './languages.ts';
import { summarizeLead } from './sentences.ts';
import type { DocumentFacts } from './document-facts.ts';

export interface SubmissionMeta {
  sourceName: string;
  sourceUrl: string;
  publishedOn: string;
  publishedNote?: string | null | undefined;
  language: ContentLanguage;
  photoCredit?: string | null | undefined;
  slug?: string | undefined;
  /** The headline was written by the desk (the source published none). */
  headlineIsEditorial?: boolean | undefined;
  topics: string[];
  entities: string[];
  /**
   * How often the text names each linked entity (the weekly summary's salience). Ingestion
   * counts them with the seed's rule; an editor's link without a count is one mention.
   */
  mentions?: Readonly<Record<string, number>> | undefined;
  /**
   * 'machine' when the text itself is a machine translation (ingestion of a language with no
   * edition): stored and labelled as one, like a draft. Default 'source'.
   */
  textOrigin?: 'source' | 'machine' | undefined;
}

/** Either a raw capture (cleaned by the ingestion module) or already-clean text. */
export type Submission = SubmissionMeta &
  (
    | { raw: string; headline?: string | undefined; paragraphs?: undefined }
    | { raw?: undefined; headline: string; paragraphs: string[] }
  );

export interface PreparedText {
  headline: string;
  summary: string;
  blocks: Block[];
  contentHash: string;
}

export interface PreparedDocument extends DocumentFacts {
  language: ContentLanguage;
  topics: string[];
  entities: string[];
  /** Mentions per linked entity slug (missing: 1). */
  mentions?: Readonly<Record<string, number>> | undefined;
  textOrigin?: 'source' | 'machine' | undefined;
  text: PreparedText;
}

/** The metadata part of a document, as stored in a 'meta' revision. */
export interface MetaSnapshot {
  slug: string;
  sourceName: string;
  sourceUrl: string;
  publishedOn: string;
  publishedNote: string | null;
  originalLanguage: string;
  headlineIsEditorial: boolean;
  photoCredit: string | null;
  topics: string[];
  entities: string[];
  deleted: boolean;
}

/** A language's text, as stored in a revision for that language. */
export interface TextSnapshot {
  headline: string;
  paragraphs: string[];
  origin: string;
}

export function validateTopics(topics: readonly string[]): string[] {
  for (const topic of topics) {
    if (!isTopicId(topic)) throw invalidFields({ topics: `unknown topic "${topic}"` });
  }
  return [...new Set(topics)];
}

/** Stored text for one language: Uzbek apostrophes normalised, lead summary cut. */
export async function prepareText(
  lang: ContentLanguage,
  headline: string,
  paragraphs: readonly string[],
  kinds?: readonly BlockKind[],
): Promise<PreparedText> {
  const fix = lang === 'uz' ? normalizeApostrophes : (text: string) => text;
  const cleanHeadline = fix(headline.trim());
  const blocks: Block[] = paragraphs.map((text, index) => ({ kind: kinds?.[index] ?? 'p', text: fix(text.trim()) }));
  const bodyParagraphs = blocks.filter((block) => block.kind === 'p').map((block) => block.text);
  return {
    headline: cleanHeadline,
    summary: summarizeLead(bodyParagraphs, lang),
    blocks,
    contentHash: await hashText(JSON.stringify([cleanHeadline, blocks])),
  };
}

export async function prepareSubmission(submission: Submission): Promise<PreparedDocument> {
  const topics = validateTopics(submission.topics);
  const headlineIsEditorial = submission.headlineIsEditorial ?? false;
  let headline: string;
  let blocks: Block[];
  let photoCredit = submission.photoCredit ?? null;
  if (submission.raw !== undefined) {
    try {
      // A headline sent with the capture is the source's own, like a manifest title, and wins
      // over a heading guessed from the text; without either the capture is refused.
      const clean = cleanCapture(submission.raw, {
        file: 'submission',
        title: submission.headline ?? null,
        source: submission.sourceName,
        url: submission.sourceUrl,
        published: submission.publishedOn,
        language: submission.language,
      });
      headline = clean.headline;
      blocks = clean.blocks;
      photoCredit ??= clean.photoCredit;
    } catch (error) {
      if (error instanceof IngestError) throw invalidFields({ raw: error.message.replace(/^submission: /, '') });
      throw error;
    }
  } else {
    headline = submission.headline;
    blocks = submission.paragraphs.map((text) => ({ kind: 'p', text }));
  }
  const text = await prepareText(
    submission.language,
    headline,
    blocks.map((block) => block.text),
    blocks.map((block) => block.kind),
  );
  if (!text.blocks.some((block) => block.kind === 'p' && block.text.length > 0)) {
    throw invalidFields({ [submission.raw !== undefined ? 'raw' : 'paragraphs']: 'no body text' });
  }
  const slug = submission.slug ?? createSlug(text.headline);
  return {
    slug,
    sourceName: submission.sourceName.trim(),
    sourceUrl: submission.sourceUrl.trim(),
    publishedOn: submission.publishedOn,
    publishedNote: submission.publishedNote ?? null,
    isoWeek: getIsoWeek(submission.publishedOn),
    language: submission.language,
    headlineIsEditorial,
    photoCredit,
    topics,
    entities: [...new Set(submission.entities)],
    mentions: submission.mentions,
    textOrigin: submission.textOrigin,
    text,
  };
}

/**
 * The document's content hash, which the weekly rebuild's fingerprint is made of: any change
 * to the metadata or to any language's text changes it, so the week is rebuilt.
 */
export async function hashDocument(meta: MetaSnapshot, textHashes: Record<string, string>): Promise<string> {
  const langs = Object.keys(textHashes).sort();
  return hashText(JSON.stringify([meta, langs.map((lang) => [lang, textHashes[lang]])]));
}

/**
 * Word 3-shingles of a text, lower-cased: what near-duplicate detection compares. Made once
 * per submission and once per neighbour (the costly part: a busy day has up to 500 neighbours).
 */
export function collectShingles(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const set = new Set<string>();
  for (let i = 0; i + 3 <= words.length; i++) set.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return set;
}

/** Near-identical reports from another source: share of the smaller text's shingles found in the other. */
export function measureOverlap(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 || right.size === 0) return 0;
  const [small, large] = left.size <= right.size ? [left, right] : [right, left];
  let shared = 0;
  for (const shingle of small) if (large.has(shingle)) shared++;
  return shared / small.size;
}

/** Above this share of shared shingles, a submission is the same report, not a new one. */
export const NEAR_DUPLICATE = 0.8;
/**
 * From this share up to NEAR_DUPLICATE, a submission may be the same report retold (a rewrite, a
 * longer version): too unsure to link unseen, so it is stored as new and flagged for a person.
 */
export const POSSIBLE_DUPLICATE = 0.5;
