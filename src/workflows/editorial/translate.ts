/**
 * A translation by the desk: one language's text of a live document, paragraph for paragraph
 * with the original (each keeps the original block's kind), as a new revision of that language.
 */
import type { Database } from '../../db/client.ts';
import { invalidFields } from '../../services/domain-error.ts';
import { prepareText } from '../../services/editorial.ts';
import type { ContentLanguage } from '../../services/languages.ts';
import { requireDocument, requireLive, saveText, type ChangeStamp, type Rebuilds } from './documents.ts';

export interface TranslationInput {
  /** The revision of this language's text the editor edited (left out or 0: a new text). */
  revision?: number | undefined;
  headline: string;
  paragraphs: string[];
}

/** Saves the text; returns the new revision number of that language (1: a new text). */
export async function saveTranslation(
  db: Database,
  id: number,
  lang: ContentLanguage,
  input: TranslationInput,
  change: ChangeStamp,
): Promise<Rebuilds & { revision: number }> {
  const state = await requireDocument(db, id);
  requireLive(state);
  const source = state.texts[state.meta.originalLanguage];
  const kinds = source?.blocks.map((block) => block.kind) ?? [];
  if (input.paragraphs.length !== kinds.length) {
    throw invalidFields({
      paragraphs: `the original has ${kinds.length} paragraphs; send one translation for each`,
    });
  }
  const prepared = await prepareText(lang, input.headline, input.paragraphs, kinds);
  const revision = await saveText(db, state, lang, input.revision ?? null, prepared, {
    ...change,
    origin: lang === state.meta.originalLanguage ? 'source' : 'human',
  });
  return { revision, rebuild: [state.isoWeek] };
}
