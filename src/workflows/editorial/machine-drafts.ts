/**
 * Machine drafts: with a Workers AI binding, the languages a new document lacks are drafted
 * (origin 'machine', labelled to readers). An editor's text always wins: a draft only fills an
 * empty language, and a failed draft leaves the English fallback, never an error for anyone.
 */
import type { Database } from '../../db/client.ts';
import { loadDocumentState, snapshotText } from '../../db/editorial.ts';
import { prepareText } from '../../services/editorial.ts';
import { CONTENT_LANGUAGES, isContentLanguage } from '../../services/languages.ts';
import { flagTranslation } from '../../db/translation-flags.ts';
import {
  draftTranslation,
  MachineTranslationRejected,
  TRANSLATION_MODEL,
  type TranslationModel,
} from '../../services/machine-translation.ts';
import { saveText } from './documents.ts';

export async function draftMissingLanguages(
  db: Database,
  ai: TranslationModel,
  id: number,
  model: string = TRANSLATION_MODEL,
  /** Ingestion's drafts are guarded (translation-guards.ts); an editor's submission's are not yet. */
  guarded = false,
): Promise<void> {
  const state = await loadDocumentState(db, id);
  const from = state?.meta.originalLanguage;
  const source = from ? state.texts[from] : undefined;
  if (!state || !from || !isContentLanguage(from) || !source) return;
  for (const to of CONTENT_LANGUAGES) {
    if (to === from || state.texts[to]) continue;
    try {
      const draft = await draftTranslation(ai, snapshotText(source), from, to, model, guarded);
      const kinds = source.blocks.map((block) => block.kind);
      const text = await prepareText(to, draft.headline, draft.paragraphs, kinds);
      await saveText(db, state, to, null, text, {
        author: `machine:${model}`,
        at: new Date().toISOString(),
        origin: 'machine',
      });
    } catch (error) {
      // A guard's rejection is remembered for the desk; the language stays untranslated.
      if (error instanceof MachineTranslationRejected) {
        await flagTranslation(db, {
          documentId: id,
          lang: to,
          problem: error.problem,
          model,
          at: new Date().toISOString(),
        });
      }
      console.error(JSON.stringify({ message: 'machine draft failed', id, to, error: String(error) }));
    }
  }
}
