/// <reference types="vite/client" />
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import wranglerToml from '../wrangler.toml?raw';
import { createDb } from '../src/db/client.ts';
import { listRecentRuns } from '../src/db/runs.ts';
import worker from '../src/index.ts';
import { hashText } from '../src/services/hash.ts';
import {
  DEFAULT_BUDGET,
  estimateBuilds,
  exceedsBudget,
  type RebuildBudget,
} from '../src/workflows/summaries/choose-weeks.ts';
import {
  REBUILD_DEAD_LETTER_QUEUE_NAME,
  REBUILD_QUEUE_NAME,
  sendRebuildMessages,
  type RebuildMessage,
  type RebuildProducer,
} from '../src/workflows/summaries/rebuild-queue.ts';
import { runWeeklyRebuild as runWorkflow } from '../src/workflows/summaries/weekly-run.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { get, OPERATOR } from './helpers/http.ts';

const CRON = '0 6 * * 1';
const MONDAY = new Date('2025-12-22T06:00:00Z');
const RUN_KEY = MONDAY.toISOString();
const WEEKS = ['2022-W15', '2024-W04', '2025-W34', '2025-W51'];
const EDITIONS = ['en', 'uz', 'uz-Cyrl', 'ja'];
/** The corpus: 5 reports in 4 weeks, so a full backfill is 20 document-builds. */
const CORPUS_BUILDS = 20;

/** Stands in for the queue binding: records every `sendBatch` call. */
class RecordingQueue implements RebuildProducer {
  readonly calls: MessageSendRequest<RebuildMessage>[][] = [];
  sendBatch(messages: Iterable<MessageSendRequest<RebuildMessage>>): Promise<QueueSendBatchResponse> {
    this.calls.push([...messages]);
    return Promise.resolve({ metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } });
  }
  get bodies(): RebuildMessage[] {
    return this.calls.flat().map((message) => message.body);
  }
}

interface SummaryRecord {
  week: string;
  lang: string;
  content: string;
  content_hash: string;
  source_hash: string;
  first_published_at: string;
  updated_at: string;
}

async function summaries(): Promise<SummaryRecord[]> {
  const { results } = await env.DB.prepare('SELECT * FROM weekly_summaries ORDER BY week, lang').all<SummaryRecord>();
  return results;
}

async function tasks() {
  const { results } = await env.DB.prepare(
    'SELECT week, lang, status, attempts, error, updated_at FROM rebuild_tasks ORDER BY week, lang',
  ).all<{ week: string; lang: string; status: string; attempts: number; error: string | null; updated_at: string }>();
  return results;
}

async function runRow(runKey = RUN_KEY) {
  const runs = await listRecentRuns(createDb(env.DB), 20);
  return runs.find((run) => run.scheduledTime === runKey);
}

/** The scheduled run with a recording queue bound and (by default) a budget the corpus exceeds. */
async function fanOut(budget: Partial<RebuildBudget> = { maxInlineBuilds: CORPUS_BUILDS - 1 }, at: Date = MONDAY) {
  const queue = new RecordingQueue();
  const result = await runWeeklyRebuild(
    { DB: env.DB, DIGEST_TIME_ZONE: env.DIGEST_TIME_ZONE, REBUILD_QUEUE: queue },
    at.getTime(),
    CRON,
    budget,
  );
  return { result, queue, messages: queue.bodies };
}

/** The cron adapter's call (src/scheduled.ts), with a queue and a budget of the test's choosing. */
function runWeeklyRebuild(
  bindings: { DB: D1Database; DIGEST_TIME_ZONE: string; REBUILD_QUEUE?: RebuildProducer },
  scheduledTime: number,
  cron: string,
  budget: Partial<RebuildBudget> = {},
) {
  return runWorkflow(createDb(bindings.DB), {
    scheduledTime,
    cron,
    timeZone: bindings.DIGEST_TIME_ZONE || 'UTC',
    queue: bindings.REBUILD_QUEUE,
    budget,
  });
}

const idOf = (body: RebuildMessage) => `${body.week}/${body.lang}`;

/**
 * Feeds messages to the Worker's real `queue` handler in batches of 4 (wrangler.toml's
 * max_batch_size), as the queue would deliver them, and collects what it acked and retried.
 */
async function deliver(messages: readonly RebuildMessage[], attempts = 1, queue: string = REBUILD_QUEUE_NAME) {
  const acked: string[] = [];
  const retried: string[] = [];
  for (let i = 0; i < messages.length; i += 4) {
    const batch = createMessageBatch<RebuildMessage>(
      queue,
      messages.slice(i, i + 4).map((body) => ({ id: idOf(body), timestamp: MONDAY, attempts, body })),
    );
    // The handler takes no context (it defers nothing); getQueueResult still wants one.
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.ackAll).toBe(false);
    expect(result.retryBatch.retry).toBe(false);
    acked.push(...result.explicitAcks);
    retried.push(...result.retryMessages.map((message) => message.msgId));
  }
  return { acked, retried };
}

/** What the inline path (today's cron) builds from the corpus at MONDAY. */
let inline: SummaryRecord[] = [];

async function clear(): Promise<void> {
  await env.DB.batch([
    env.DB.prepare('DELETE FROM weekly_summaries'),
    env.DB.prepare('DELETE FROM cron_runs'),
    env.DB.prepare('DELETE FROM rebuild_tasks'),
    env.DB.prepare('DROP TRIGGER IF EXISTS fail_w51_ja'),
    env.DB.prepare('UPDATE documents SET deleted_at = NULL WHERE deleted_at IS NOT NULL'),
  ]);
}

beforeAll(async () => {
  await seedTestCorpus(env.DB);
  await clear();
  const result = await runWeeklyRebuild(env, MONDAY.getTime(), CRON);
  expect(result.messagesQueued).toBe(0);
  inline = await summaries();
  expect(inline).toHaveLength(16);
});

beforeEach(clear);

const failW51Ja = () =>
  env.DB.prepare(
    `CREATE TRIGGER fail_w51_ja BEFORE INSERT ON weekly_summaries WHEN NEW.week = '2025-W51' AND NEW.lang = 'ja'
     BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
  ).run();

describe('the inline budget', () => {
  it('keeps a 2,000-report week inline by default and fans out anything bigger or longer', () => {
    const hashes = (count: number) => Array.from({ length: count }, (_, i) => `h${i}`).join(',');
    const busyWeek = new Map([['2025-W51', hashes(2_000)]]);
    expect(estimateBuilds(busyWeek)).toBe(8_000);
    expect(exceedsBudget(busyWeek, DEFAULT_BUDGET)).toBe(false);
    expect(exceedsBudget(new Map([['2025-W51', hashes(2_001)]]), DEFAULT_BUDGET)).toBe(true);
    // A week with no live reports costs nothing to "rebuild" (its summaries are deleted).
    expect(estimateBuilds(new Map([['2022-W15', '']]))).toBe(0);
    const year = new Map(Array.from({ length: 52 }, (_, i) => [`2024-W${String(i + 1).padStart(2, '0')}`, 'h']));
    expect(exceedsBudget(year, DEFAULT_BUDGET)).toBe(false);
    expect(exceedsBudget(new Map([...year, ['2025-W01', 'h']]), DEFAULT_BUDGET)).toBe(true);
  });

  it('builds inline within the budget, and always when no queue is bound', async () => {
    const within = await fanOut({ maxInlineBuilds: CORPUS_BUILDS });
    expect(within.queue.calls).toEqual([]);
    expect(within.result).toMatchObject({ weeksBuilt: WEEKS, messagesQueued: 0, estimatedBuilds: CORPUS_BUILDS });
    expect(await summaries()).toEqual(inline);

    await clear();
    const unbound = await runWeeklyRebuild(
      { DB: env.DB, DIGEST_TIME_ZONE: env.DIGEST_TIME_ZONE },
      MONDAY.getTime(),
      CRON,
      {
        maxInlineBuilds: 0,
        maxInlineWeeks: 0,
      },
    );
    expect(unbound).toMatchObject({ weeksBuilt: WEEKS, messagesQueued: 0 });
    expect(await summaries()).toEqual(inline);
    expect(await runRow()).toMatchObject({ status: 'ok', tasks: null });
  });

  it('with a queue bound, fans out a run of more weeks than the limit even when they are small', async () => {
    const { result, messages } = await fanOut({ maxInlineWeeks: WEEKS.length - 1 });
    expect(result).toMatchObject({ weeksBuilt: [], weeksQueued: WEEKS, messagesQueued: 16 });
    expect(messages).toHaveLength(16);
  });

  it('sends a large fan-out in calls of at most 100 messages', async () => {
    // A backfill of ten years: 521 weeks in 4 editions.
    const messages = Array.from({ length: 521 * 4 }, (_, i) => ({
      runKey: RUN_KEY,
      week: `w${Math.floor(i / 4)}`,
      lang: EDITIONS[i % 4]!,
      sourceHash: 'x',
    }));
    const queue = new RecordingQueue();
    await sendRebuildMessages(queue, messages);
    expect(queue.calls.map((call) => call.length)).toEqual([...Array<number>(20).fill(100), 84]);
    expect(queue.bodies).toEqual(messages);
  });
});

describe('the rebuild queue', () => {
  it('enqueues one message per week and edition for a backfill over the budget', async () => {
    const { result, queue, messages } = await fanOut();
    expect(result).toMatchObject({
      weeksBuilt: [],
      rowsChanged: 0,
      weeksQueued: WEEKS,
      messagesQueued: 16,
      estimatedBuilds: CORPUS_BUILDS,
    });
    expect(queue.calls).toHaveLength(1);
    expect(queue.calls[0]?.every((message) => message.contentType === 'json')).toBe(true);
    expect(messages.map(idOf)).toEqual(WEEKS.flatMap((week) => EDITIONS.map((lang) => `${week}/${lang}`)));
    for (const message of messages) {
      expect(message.runKey).toBe(RUN_KEY);
      // The source hash the inline path stores for that week.
      expect(message.sourceHash).toBe(inline.find((row) => row.week === message.week)?.source_hash);
    }
    // Nothing is built yet; the run log says what is pending.
    expect(await summaries()).toEqual([]);
    expect(await runRow()).toMatchObject({
      status: 'queued',
      endedAt: null,
      weeksRebuilt: WEEKS,
      tasks: { total: 16, queued: 16, done: 0, failed: 0, retries: 0 },
    });
  });

  it('builds byte-identical summaries to the inline path, acks every message and ends the run ok', async () => {
    const { messages } = await fanOut();
    const { acked, retried } = await deliver(messages);
    expect(acked).toEqual(messages.map(idOf));
    expect(retried).toEqual([]);
    // Same content, hashes, source hashes and dates as the inline build.
    expect(await summaries()).toEqual(inline);
    const run = await runRow();
    expect(run).toMatchObject({
      status: 'ok',
      error: null,
      tasks: { total: 16, queued: 0, done: 16, failed: 0, retries: 0 },
    });
    expect(run?.endedAt).not.toBeNull();

    const health = await (
      await get('/healthz', OPERATOR)
    ).json<{ cron: { lastRuns: { status: string; weeksRebuilt: string[] }[] } }>();
    expect(health.cron.lastRuns[0]).toMatchObject({ status: 'ok', weeksRebuilt: WEEKS });
  });

  it('is idempotent: a message delivered again changes nothing', async () => {
    const { messages } = await fanOut();
    await deliver(messages);
    const [before, taskRows, run] = [await summaries(), await tasks(), await runRow()];
    const again = await deliver(messages);
    expect(again.acked).toHaveLength(16);
    expect(await summaries()).toEqual(before);
    expect(await tasks()).toEqual(taskRows);
    expect(await runRow()).toEqual(run);
  });

  it('acks a malformed message instead of retrying what nothing could build', async () => {
    const batch = createMessageBatch(REBUILD_QUEUE_NAME, [
      { id: 'bad', timestamp: MONDAY, attempts: 1, body: { week: '2025-W51', lang: 'fr' } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<RebuildMessage>, env);
    expect(await getQueueResult(batch, ctx)).toMatchObject({ explicitAcks: ['bad'], retryMessages: [] });
    expect(await summaries()).toEqual([]);
  });

  it('retries a failing build, shows it in the run log, and completes once D1 recovers', async () => {
    await failW51Ja();
    const { messages } = await fanOut();
    const first = await deliver(messages);
    expect(first.retried).toEqual(['2025-W51/ja']);
    expect(first.acked).toHaveLength(15);
    // The failed write and its task's completion were one batch: neither happened.
    expect((await summaries()).map((row) => `${row.week}/${row.lang}`)).not.toContain('2025-W51/ja');
    expect((await tasks()).find((task) => task.week === '2025-W51' && task.lang === 'ja')).toMatchObject({
      status: 'queued',
      attempts: 1,
      error: expect.stringMatching(/injected failure/) as unknown,
    });
    const pending = await runRow();
    expect(pending).toMatchObject({
      status: 'queued',
      tasks: { total: 16, queued: 1, done: 15, failed: 0, retries: 0 },
    });
    expect(pending?.error).toMatch(/^2025-W51\/ja, attempt 1: .*injected failure/);

    await env.DB.prepare('DROP TRIGGER fail_w51_ja').run();
    const retry = await deliver(
      messages.filter((message) => idOf(message) === '2025-W51/ja'),
      2,
    );
    expect(retry).toEqual({ acked: ['2025-W51/ja'], retried: [] });
    expect(await summaries()).toEqual(inline);
    expect(await runRow()).toMatchObject({
      status: 'ok',
      error: null,
      tasks: { total: 16, queued: 0, done: 16, failed: 0, retries: 1 },
    });
  });

  it('marks the task and the run failed when a message is dead-lettered; the next cron repairs the week', async () => {
    await failW51Ja();
    const { messages } = await fanOut();
    await deliver(messages);
    const w51ja = messages.filter((message) => idOf(message) === '2025-W51/ja');
    // max_retries = 3: three more deliveries, each retried, then the queue dead-letters it.
    for (const attempts of [2, 3, 4]) expect((await deliver(w51ja, attempts)).retried).toEqual(['2025-W51/ja']);
    const dead = await deliver(w51ja, 1, REBUILD_DEAD_LETTER_QUEUE_NAME);
    expect(dead).toEqual({ acked: ['2025-W51/ja'], retried: [] });
    const run = await runRow();
    expect(run).toMatchObject({
      status: 'error',
      tasks: { total: 16, queued: 0, done: 15, failed: 1, retries: 3 },
    });
    expect(run?.error).toMatch(/^2025-W51\/ja failed after 4 attempts: .*injected failure/);
    expect(run?.endedAt).not.toBeNull();
    // A dead letter delivered twice fails nothing more.
    await deliver(w51ja, 1, REBUILD_DEAD_LETTER_QUEUE_NAME);
    expect(await runRow()).toEqual(run);

    // D1 recovers; the next Monday's run sees the missing edition and rebuilds the week.
    await env.DB.prepare('DROP TRIGGER fail_w51_ja').run();
    const next = await runWeeklyRebuild(env, Date.parse('2025-12-29T06:00:00Z'), CRON);
    expect(next.weeksBuilt).toContain('2025-W51');
    const ja = (await summaries()).find((row) => row.week === '2025-W51' && row.lang === 'ja');
    expect(ja?.content).toBe(inline.find((row) => row.week === '2025-W51' && row.lang === 'ja')?.content);
  });

  it('removes the summaries of a week whose reports were all deleted, as the inline path does', async () => {
    await runWeeklyRebuild(env, MONDAY.getTime(), CRON);
    await env.DB.prepare(
      "UPDATE documents SET deleted_at = '2025-12-23T09:00:00Z' WHERE iso_week = '2022-W15' AND deleted_at IS NULL",
    ).run();
    const later = new Date('2025-12-29T06:00:00Z');
    // Only 2022-W15 is chosen (summaries, no reports left): no builds, so force the queue.
    const { messages } = await fanOut({ maxInlineBuilds: 0, maxInlineWeeks: 0 }, later);
    expect(messages.map(idOf)).toEqual(EDITIONS.map((lang) => `2022-W15/${lang}`));
    expect(messages[0]?.sourceHash).toBe(await hashText(''));
    expect((await deliver(messages)).acked).toHaveLength(4);
    expect(await summaries()).toEqual(inline.filter((row) => row.week !== '2022-W15'));
    expect(await runRow(later.toISOString())).toMatchObject({ status: 'ok', tasks: { total: 4, done: 4 } });
  });

  it('runs on the real local queue: wrangler.toml binds it and its consumer builds every task', async () => {
    expect(wranglerToml).toContain(`queue = "${REBUILD_QUEUE_NAME}"`);
    expect(wranglerToml).toContain(`dead_letter_queue = "${REBUILD_DEAD_LETTER_QUEUE_NAME}"`);
    expect(env.REBUILD_QUEUE).toBeDefined();
    const result = await runWeeklyRebuild(env, MONDAY.getTime(), CRON, { maxInlineBuilds: 0 });
    expect(result.messagesQueued).toBe(16);
    // Miniflare delivers to this Worker's queue handler in the background.
    await expect.poll(async () => (await runRow())?.status, { timeout: 20_000, interval: 200 }).toBe('ok');
    expect(await summaries()).toEqual(inline);
  });
});
