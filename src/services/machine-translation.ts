/**
 * Machine drafts: when a report arrives in one language, Workers AI's m2m100 model drafts the
 * other two so readers are not left with a fallback. Drafts are stored with origin 'machine'
 * and labelled on the page until an editor replaces them. Takes any object with Workers AI's
 * `run` shape, so tests pass a fake that records its calls.
 */
import type { ContentLanguage } from './languages.ts';
import { findTranslationProblem, type SourceTextLanguage, type TranslationProblem } from './translation-guards.ts';

export const TRANSLATION_MODEL = '@cf/meta/m2m100-1.2b';

export interface TranslationModel {
  run(model: string, input: { text: string; source_lang: string; target_lang: string }): Promise<unknown>;
}

export interface DraftText {
  headline: string;
  paragraphs: string[];
}

/** A draft that failed a guard (translation-guards.ts): kept out, and flagged for the desk. */
export class MachineTranslationRejected extends Error {
  override name = 'MachineTranslationRejected';
  readonly problem: TranslationProblem;

  constructor(problem: TranslationProblem, from: SourceTextLanguage, to: ContentLanguage) {
    super(`machine translation ${from}→${to} rejected: ${problem}`);
    this.problem = problem;
  }
}

async function translateOne(
  ai: TranslationModel,
  model: string,
  text: string,
  from: SourceTextLanguage,
  to: ContentLanguage,
  guarded: boolean,
) {
  if (text.trim() === '') return text;
  const output = (await ai.run(model, { text, source_lang: from, target_lang: to })) as {
    translated_text?: unknown;
  };
  if (typeof output.translated_text !== 'string' || output.translated_text.trim() === '') {
    throw new Error(`${model} returned no translation (${from}→${to})`);
  }
  const translated = output.translated_text.trim();
  const problem = guarded ? findTranslationProblem(text, translated, from, to) : null;
  if (problem) throw new MachineTranslationRejected(problem, from, to);
  return translated;
}

/**
 * Paragraph by paragraph, so the draft stays aligned with the original (the pages and the
 * editors' tools rely on one translated paragraph per original paragraph). One rejected
 * paragraph rejects the whole draft: a half-translated article would mislead more than none.
 */
export async function draftTranslation(
  ai: TranslationModel,
  source: DraftText,
  from: SourceTextLanguage,
  to: ContentLanguage,
  model: string = TRANSLATION_MODEL,
  guarded = false,
): Promise<DraftText> {
  const headline = await translateOne(ai, model, source.headline, from, to, guarded);
  const paragraphs: string[] = [];
  for (const paragraph of source.paragraphs) {
    paragraphs.push(await translateOne(ai, model, paragraph, from, to, guarded));
  }
  return { headline, paragraphs };
}
