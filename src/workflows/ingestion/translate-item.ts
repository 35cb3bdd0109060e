/**
 * Items of sources written in a language that has no edition (Russian): with Workers AI bound,
 * the kept text (after the rights cut) is machine-translated into English at the poll, guarded
 * like every draft (translation-guards.ts), and stored as an English document whose text is a
 * machine translation (origin 'machine', labelled to readers); the original is kept in the
 * provenance. The other editions are then drafted from it by the translate queue. Without the
 * binding such items are skipped (`no_edition`). Cost: one model call per kept paragraph and
 * one for the headline, so the poll counts them in its subrequest budget.
 */
import { hashText } from '../../services/hash.ts';
import {
  draftTranslation,
  MachineTranslationRejected,
  type TranslationModel,
} from '../../services/machine-translation.ts';
import type { RightsPolicy } from '../../db/sources.ts';
import type { ArticleBlock } from './extract-article.ts';
import { applyRights, type PreparedItem } from './prepare-item.ts';

export interface ItemTranslator {
  ai: TranslationModel;
  model: string;
}

export type TranslatedItem =
  { status: 'translated'; item: PreparedItem; calls: number } | { status: 'rejected' | 'failed'; calls: number };

export async function translateRussianItem(
  translator: ItemTranslator,
  rights: RightsPolicy,
  headline: string,
  blocks: readonly ArticleBlock[],
): Promise<TranslatedItem> {
  const kept = applyRights(blocks, rights);
  // A model call for the headline and one for each kept paragraph.
  const calls = 1 + kept.length;
  // Duplicates are recognised by the original's text, whatever the model makes of it.
  const contentHash = await hashText(JSON.stringify([headline, blocks.map((block) => block.text)]));
  try {
    const draft = await draftTranslation(
      translator.ai,
      { headline, paragraphs: kept.map((block) => block.text) },
      'ru',
      'en',
      translator.model,
      true,
    );
    return {
      status: 'translated',
      calls,
      item: {
        language: 'en',
        headline: draft.headline,
        blocks: kept.map((block, index) => ({ kind: block.kind, text: draft.paragraphs[index] ?? '' })),
        originalCyrillic: JSON.stringify([{ kind: 'h', text: headline }, ...kept]),
        contentHash,
        machineModel: translator.model,
      },
    };
  } catch (error) {
    if (error instanceof MachineTranslationRejected) return { status: 'rejected', calls };
    console.error(JSON.stringify({ message: 'translation of a Russian item failed', error: String(error) }));
    return { status: 'failed', calls };
  }
}
