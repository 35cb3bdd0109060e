/**
 * A feed item's extracted article to what is stored, under its source's rights policy and
 * language rules. Pure (hashing aside): the poll decides what to fetch, this decides what to
 * keep.
 */
import { normalizeApostrophes } from '../../services/apostrophes.ts';
import { hashText } from '../../services/hash.ts';
import type { ContentLanguage } from '../../services/languages.ts';
import type { RightsPolicy, SourceLanguage } from '../../db/sources.ts';
import type { ArticleBlock } from './extract-article.ts';
import { convertUzbekCyrillicToLatin, isMostlyCyrillic } from './uzbek-cyrillic.ts';

/** About 60 words of lead for the 'excerpt' policy (a quotation's customary length). */
const EXCERPT_WORDS = 60;

/** Query parameters that only track a click; dropped so one article has one URL. */
const TRACKING = /^(?:utm_\w+|fbclid|gclid|yclid|mc_cid|mc_eid|ref|ref_src|from|source|rss|_ga|igshid)$/i;

export function normalizeItemUrl(value: string): string {
  try {
    const url = new URL(value);
    url.hash = '';
    for (const key of [...url.searchParams.keys()]) if (TRACKING.test(key)) url.searchParams.delete(key);
    url.search = url.searchParams.toString() ? `?${url.searchParams.toString()}` : '';
    return url.href;
  } catch {
    return value.trim();
  }
}

function cutWords(text: string, words: number): string {
  const parts = text.split(/\s+/);
  if (parts.length <= words) return text;
  return `${parts
    .slice(0, words)
    .join(' ')
    .replace(/[,;:–—-]$/, '')}…`;
}

/** What a policy lets us store: everything, the lead cut to ~60 words, or nothing but the headline. */
export function applyRights(blocks: readonly ArticleBlock[], rights: RightsPolicy): ArticleBlock[] {
  if (rights === 'full') return [...blocks];
  if (rights === 'headline') return [];
  const lead = blocks.find((block) => block.kind === 'p');
  if (!lead) return [];
  // Japanese has no spaces: about 60 words is about 150 characters.
  const cut = /\s/.test(lead.text)
    ? cutWords(lead.text, EXCERPT_WORDS)
    : lead.text.length > 150
      ? `${lead.text.slice(0, 150)}…`
      : lead.text;
  return [{ kind: 'p', text: cut }];
}

export interface PreparedItem {
  language: ContentLanguage;
  headline: string;
  blocks: ArticleBlock[];
  /**
   * The original as published when what is stored is not it, as JSON blocks with the headline
   * first: an Uzbek item converted from Cyrillic, a Russian item translated (translate-item.ts).
   */
  originalCyrillic: string | null;
  /** The model that translated the text, when the stored text is a machine translation. */
  machineModel?: string | undefined;
  /** Hash of the whole cleaned text before the rights cut: the content half of duplicate detection. */
  contentHash: string;
}

/** Null when the source's language has no stored edition (Russian is translated: translate-item.ts). */
export async function prepareItem(
  language: SourceLanguage,
  rights: RightsPolicy,
  headline: string,
  blocks: readonly ArticleBlock[],
): Promise<PreparedItem | null> {
  if (language === 'ru') return null;
  const contentHash = await hashText(JSON.stringify([headline, blocks.map((block) => block.text)]));
  const stored: ContentLanguage = language === 'uz-Cyrl' ? 'uz' : language;
  let title = headline;
  let kept = applyRights(blocks, rights);
  let originalCyrillic: string | null = null;
  if (stored === 'uz' && isMostlyCyrillic([headline, ...kept.map((block) => block.text)].join(' '))) {
    originalCyrillic = JSON.stringify([{ kind: 'h', text: headline }, ...kept]);
    title = convertUzbekCyrillicToLatin(headline);
    kept = kept.map((block) => ({ kind: block.kind, text: convertUzbekCyrillicToLatin(block.text) }));
  }
  if (stored === 'uz') {
    title = normalizeApostrophes(title);
    kept = kept.map((block) => ({ kind: block.kind, text: normalizeApostrophes(block.text) }));
  }
  return { language: stored, headline: title, blocks: kept, originalCyrillic, contentHash };
}
