/**
 * Machine drafts: when a report arrives in one language, Workers AI's m2m100 model drafts the
 * other two so readers are not left with a fallback. Drafts are stored with origin 'machine'
 * and labelled on the page until an editor replaces them. Takes any object with Workers AI's
 * `run` shape, so tests pass a fake that records its calls.
 */
import type { ContentLanguage } from './languages.ts';

export const TRANSLATION_MODEL = '@cf/meta/m2m100-1.2b';

export interface TranslationModel {
  run(model: string, input: { text: string; source_lang: string; target_lang: string }): Promise<unknown>;
}

export interface DraftText {
  headline: string;
  paragraphs: string[];
}

async function translateOne(ai: TranslationModel, text: string, from: ContentLanguage, to: ContentLanguage) {
  if (text.trim() === '') return text;
  const output = (await ai.run(TRANSLATION_MODEL, { text, source_lang: from, target_lang: to })) as {
    translated_text?: unknown;
  };
  if (typeof output.translated_text !== 'string' || output.translated_text.trim() === '') {
    throw new Error(`${TRANSLATION_MODEL} returned no translation (${from}→${to})`);
  }
  return output.translated_text.trim();
}

/**
 * Paragraph by paragraph, so the draft stays aligned with the original (the pages and the
 * editors' tools rely on one translated paragraph per original paragraph).
 */
export async function draftTranslation(
  ai: TranslationModel,
  source: DraftText,
  from: ContentLanguage,
  to: ContentLanguage,
): Promise<DraftText> {
  const headline = await translateOne(ai, source.headline, from, to);
  const paragraphs: string[] = [];
  for (const paragraph of source.paragraphs) paragraphs.push(await translateOne(ai, paragraph, from, to));
  return { headline, paragraphs };
}
