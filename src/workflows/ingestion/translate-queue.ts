/**
 * Machine translation of ingested documents, off the poll's invocation: with the Workers AI
 * binding `AI` and the `silk-digest-translate` queue bound, every document a poll accepts is
 * sent here, and the consumer drafts its missing editions (the editorial workflow's
 * `draftMissingLanguages`: paragraph by paragraph, guarded, never over a human text) with the
 * model named in `TRANSLATION_MODEL`, then rebuilds its week. Without `AI` nothing is sent:
 * the document is published in its own language and the other editions show the fallback note.
 */
import { createDb, type Database } from '../../db/client.ts';
import { loadDocumentState } from '../../db/editorial.ts';
import { TRANSLATION_MODEL, type TranslationModel } from '../../services/machine-translation.ts';
import { draftMissingLanguages } from '../editorial/machine-drafts.ts';
import { rebuildWeeksNow, type RebuildConfig } from '../summaries/rebuild-later.ts';

export const TRANSLATE_QUEUE_NAME = 'silk-digest-translate';

export interface TranslateMessage {
  documentId: number;
}

export interface TranslateEnv extends RebuildConfig {
  AI?: TranslationModel | undefined;
  TRANSLATE_QUEUE?: Pick<Queue<TranslateMessage>, 'sendBatch'> | undefined;
  TRANSLATION_MODEL?: string | undefined;
}

/** Queues the documents a poll created; nothing without both bindings. */
export async function queueTranslations(env: TranslateEnv, documentIds: readonly number[]): Promise<number> {
  if (!env.AI || !env.TRANSLATE_QUEUE || documentIds.length === 0) return 0;
  for (let i = 0; i < documentIds.length; i += 100) {
    const chunk = documentIds.slice(i, i + 100);
    await env.TRANSLATE_QUEUE.sendBatch(chunk.map((documentId) => ({ body: { documentId }, contentType: 'json' })));
  }
  return documentIds.length;
}

async function translateDocument(db: Database, env: TranslateEnv, documentId: number): Promise<void> {
  if (!env.AI) return;
  await draftMissingLanguages(db, env.AI, documentId, env.TRANSLATION_MODEL || TRANSLATION_MODEL, true);
  const state = await loadDocumentState(db, documentId);
  if (state) await rebuildWeeksNow(db, env, [state.isoWeek]);
}

/** One document per message; a failure (D1, the model unreachable) is retried by the queue. */
export async function consumeTranslateBatch(
  batch: MessageBatch<unknown>,
  env: TranslateEnv & { DB: D1Database },
): Promise<void> {
  const db = createDb(env.DB);
  for (const message of batch.messages) {
    const documentId = (message.body as Partial<TranslateMessage> | null)?.documentId;
    if (typeof documentId !== 'number' || !Number.isSafeInteger(documentId)) {
      message.ack();
      continue;
    }
    try {
      await translateDocument(db, env, documentId);
      message.ack();
    } catch (error) {
      console.error(JSON.stringify({ message: 'translation failed', documentId, error: String(error) }));
      message.retry();
    }
  }
}
