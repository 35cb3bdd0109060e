/**
 * The adapters' side of ingestion: the 30-minute cron picks the sources that are due and fans
 * out one `silk-digest-ingest` message per source; the queue consumer polls one source per
 * message, so no invocation comes near the subrequest limit (50 on the Free plan). Without
 * the queue binding, the cron polls inline, bounded by a subrequest budget.
 */
import { createDb, type Database } from '../../db/client.ts';
import { getSource, listDueSources } from '../../db/sources.ts';
import { rebuildWeeksNow } from '../summaries/rebuild-later.ts';
import { pollSource, type PollReport } from './poll-source.ts';
import { HostQueue, type FetchFunction } from './polite-fetch.ts';
import { RobotsCache } from './robots.ts';
import { queueTranslations, type TranslateEnv } from './translate-queue.ts';
import { TRANSLATION_MODEL } from '../../services/machine-translation.ts';
import type { ItemTranslator } from './translate-item.ts';

export const INGEST_CRON = '*/30 * * * *';
const INGEST_QUEUE_NAME = 'silk-digest-ingest';
const INGEST_DEAD_LETTER_QUEUE_NAME = 'silk-digest-ingest-dlq';
/** Sources a cron run hands out at most (a registry far larger than this waits a run). */
const MAX_SOURCES_PER_RUN = 500;
/** Inline (no queue): pages per source and the run's whole subrequest budget, under the Free plan's 50. */
const INLINE_PAGES_PER_SOURCE = 8;
export const INLINE_SUBREQUEST_BUDGET = 45;

export function isIngestQueue(name: string): boolean {
  return name === INGEST_QUEUE_NAME || name === INGEST_DEAD_LETTER_QUEUE_NAME;
}

export interface IngestMessage {
  sourceId: number;
}

type IngestProducer = Pick<Queue<IngestMessage>, 'sendBatch'>;

export interface IngestEnv extends TranslateEnv {
  DB: D1Database;
  INGEST_ALLOW_PRIVATE_HOSTS?: string | undefined;
  INGEST_QUEUE?: IngestProducer | undefined;
}

/** Workers AI for items in a language with no edition; none without the binding. */
function translatorOf(env: IngestEnv): ItemTranslator | undefined {
  return env.AI ? { ai: env.AI, model: env.TRANSLATION_MODEL || TRANSLATION_MODEL } : undefined;
}

export function allowsPrivateHosts(env: Pick<IngestEnv, 'INGEST_ALLOW_PRIVATE_HOSTS'>): boolean {
  return env.INGEST_ALLOW_PRIVATE_HOSTS === 'true';
}

/**
 * After a poll, as after an editor's submission: the weeks it added to are rebuilt at once, and
 * its new documents go to the translation queue (when Workers AI is bound).
 */
async function finishPoll(db: Database, env: IngestEnv, report: PollReport): Promise<void> {
  if (report.weeks.length > 0) await rebuildWeeksNow(db, env, report.weeks);
  await queueTranslations(
    env,
    report.accepted.map((item) => item.documentId),
  );
}

export interface IngestRunResult {
  due: number;
  queued: number;
  polled: PollReport[];
}

export async function runIngestionCron(
  env: IngestEnv,
  scheduledTime: number,
  fetch: FetchFunction,
): Promise<IngestRunResult> {
  const db = createDb(env.DB);
  const due = await listDueSources(db, new Date(scheduledTime).toISOString(), MAX_SOURCES_PER_RUN);
  if (env.INGEST_QUEUE) {
    for (let i = 0; i < due.length; i += 100) {
      await env.INGEST_QUEUE.sendBatch(
        due.slice(i, i + 100).map((source) => ({ body: { sourceId: source.id }, contentType: 'json' as const })),
      );
    }
    return { due: due.length, queued: due.length, polled: [] };
  }
  const robots = new RobotsCache(fetch, allowsPrivateHosts(env));
  const hosts = new HostQueue();
  const polled: PollReport[] = [];
  let spent = 0;
  for (const source of due) {
    // The next poll could cost the feed, two robots.txt files and its pages.
    if (spent + INLINE_PAGES_PER_SOURCE + 3 > INLINE_SUBREQUEST_BUDGET) break;
    const report = await pollSource(
      {
        db,
        fetch,
        allowPrivate: allowsPrivateHosts(env),
        robots,
        hosts,
        maxPages: INLINE_PAGES_PER_SOURCE,
        translator: translatorOf(env),
      },
      source,
    );
    spent += report.subrequests;
    polled.push(report);
    await finishPoll(db, env, report);
  }
  return { due: due.length, queued: 0, polled };
}

/** Polls one source now (the admin endpoint and the queue consumer). Null: no such source. */
export async function pollSourceNow(
  env: IngestEnv,
  db: Database,
  sourceId: number,
  fetch: FetchFunction,
): Promise<PollReport | null> {
  const source = await getSource(db, sourceId);
  if (!source) return null;
  const report = await pollSource(
    { db, fetch, allowPrivate: allowsPrivateHosts(env), translator: translatorOf(env) },
    source,
  );
  await finishPoll(db, env, report);
  return report;
}

/**
 * The ingest queue's consumer: one source per message, acked when polled (a poll that fails
 * upstream is recorded in the source's health and acked: its back-off, not the queue's retries,
 * decides when to try again); retried only when the poll itself threw (D1 unavailable). Dead
 * letters are logged.
 */
export async function consumeIngestBatch(
  batch: MessageBatch<unknown>,
  env: IngestEnv,
  fetch: FetchFunction,
): Promise<void> {
  const db = createDb(env.DB);
  for (const message of batch.messages) {
    const sourceId = (message.body as Partial<IngestMessage> | null)?.sourceId;
    if (typeof sourceId !== 'number' || !Number.isSafeInteger(sourceId)) {
      console.error(JSON.stringify({ message: 'malformed ingest message', id: message.id }));
      message.ack();
      continue;
    }
    if (batch.queue === INGEST_DEAD_LETTER_QUEUE_NAME) {
      console.error(JSON.stringify({ message: 'ingest message dead-lettered', sourceId, attempts: message.attempts }));
      message.ack();
      continue;
    }
    try {
      const source = await getSource(db, sourceId);
      if (source?.enabled) {
        const report = await pollSource(
          { db, fetch, allowPrivate: allowsPrivateHosts(env), translator: translatorOf(env) },
          source,
        );
        await finishPoll(db, env, report);
        console.log(
          JSON.stringify({
            message: 'source polled',
            sourceId,
            status: report.status,
            accepted: report.accepted.length,
            skipped: report.skipped.length,
            subrequests: report.subrequests,
          }),
        );
      }
      message.ack();
    } catch (error) {
      console.error(JSON.stringify({ message: 'ingest poll failed', sourceId, error: String(error) }));
      message.retry();
    }
  }
}
