/**
 * The rebuild queue: a run too big for one invocation sends one message per week and edition,
 * and the consumer builds exactly that edition with the inline path's code (build-week.ts), so
 * the bytes, the source hash and the dates (the run's scheduled time) are the same.
 */
import type { Database } from '../../db/client.ts';
import { completeTaskStatements, recordTaskDeadLettered, recordTaskRetry } from '../../db/runs.ts';
import { hashText } from '../../services/hash.ts';
import { isEdition } from '../../services/languages.ts';
import { rebuildWeekEdition } from './build-week.ts';
import { SUMMARY_LOCALES } from './editions.ts';

/** Queues accept at most 100 messages per `sendBatch` call (and 256 KB; ours are ~150 bytes). */
const MAX_MESSAGES_PER_SEND = 100;

/** Queue names, as in wrangler.toml: the consumer tells a dead letter by its queue. */
export const REBUILD_QUEUE_NAME = 'silk-digest-rebuild';
export const REBUILD_DEAD_LETTER_QUEUE_NAME = 'silk-digest-rebuild-dlq';

/**
 * One week in one edition, for the queue's consumer. It carries the source hash (the hash of
 * the week's fingerprint, as stored with the summary) rather than the fingerprint itself: the
 * fingerprint of a 2,000-report week is 130 KB of content hashes, over a message's 128 KB.
 */
export interface RebuildMessage {
  /** The run's scheduled time (ISO): the `cron_runs` row, and the summaries' dates. */
  runKey: string;
  week: string;
  lang: string;
  sourceHash: string;
}

/** All a run needs of a queue binding (tests pass a recorder). */
export type RebuildProducer = Pick<Queue<RebuildMessage>, 'sendBatch'>;

/** One message per chosen week and edition, in week order. */
export async function planRebuildMessages(
  runKey: string,
  weeks: ReadonlyMap<string, string>,
): Promise<RebuildMessage[]> {
  const messages: RebuildMessage[] = [];
  for (const [week, fingerprint] of weeks) {
    const sourceHash = await hashText(fingerprint);
    for (const locale of SUMMARY_LOCALES) messages.push({ runKey, week, lang: locale.lang, sourceHash });
  }
  return messages;
}

/** Sends in calls of at most 100 messages; JSON, so a message can be read in the dashboard. */
export async function sendRebuildMessages(queue: RebuildProducer, messages: readonly RebuildMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += MAX_MESSAGES_PER_SEND) {
    const chunk = messages.slice(i, i + MAX_MESSAGES_PER_SEND);
    await queue.sendBatch(chunk.map((body) => ({ body, contentType: 'json' as const })));
  }
}

function parseRebuildMessage(body: unknown): RebuildMessage | null {
  if (typeof body !== 'object' || body === null) return null;
  const { runKey, week, lang, sourceHash } = body as Record<string, unknown>;
  if (typeof runKey !== 'string' || typeof week !== 'string' || typeof sourceHash !== 'string') return null;
  if (typeof lang !== 'string' || !isEdition(lang)) return null;
  return { runKey, week, lang, sourceHash };
}

/**
 * The queue consumer's work. On the rebuild queue: builds each message's week and edition,
 * writing the summary and the task's completion in one batch, then acks; on failure records
 * the attempt and retries (the queue redelivers up to max_retries, then dead-letters). On the
 * dead-letter queue: marks the task failed and the run 'error'. Messages are independent: one
 * failing never holds back the others in its batch.
 */
export interface ConsumeOptions {
  /** DIGEST_TIME_ZONE: with the run's scheduled time it fixes the summaries' dates. */
  timeZone: string;
  /** Told when a message changed its edition's summary (the adapter pings the WebSub hub). */
  onFeedsChanged?: ((langs: readonly string[]) => Promise<void>) | undefined;
}

export async function consumeRebuildBatch(
  db: Database,
  batch: MessageBatch<unknown>,
  options: ConsumeOptions,
): Promise<void> {
  const deadLetters = batch.queue === REBUILD_DEAD_LETTER_QUEUE_NAME;
  for (const message of batch.messages) {
    const task = parseRebuildMessage(message.body);
    if (!task) {
      // Nothing could ever build it: retrying would only move it to the dead-letter queue.
      console.error(JSON.stringify({ message: 'malformed rebuild message', id: message.id, queue: batch.queue }));
      message.ack();
      continue;
    }
    try {
      const at = new Date().toISOString();
      if (deadLetters) {
        await recordTaskDeadLettered(db, task, at);
      } else {
        // The run's scheduled time as the dates, as inline: a redelivery writes the same bytes.
        const after = completeTaskStatements(db, task, message.attempts, at);
        const clock = { at: task.runKey, timeZone: options.timeZone };
        const changed = await rebuildWeekEdition(db, task.week, task.lang, task.sourceHash, clock, after);
        if (changed > 0) await options.onFeedsChanged?.([task.lang]);
      }
      message.ack();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(JSON.stringify({ message: 'rebuild task failed', queue: batch.queue, ...task, reason }));
      if (!deadLetters) {
        // Best effort: when D1 itself is what failed, the retry is what matters.
        await recordTaskRetry(db, task, message.attempts, reason, new Date().toISOString()).catch(() => undefined);
      }
      message.retry();
    }
  }
}
