/**
 * The cron trigger: rebuilds the summary of the week that just ended, and backfills every
 * earlier week whose summary is missing or was built from documents that have changed since.
 * Idempotent (unchanged content writes nothing), safe under overlap (upserts keyed by week
 * and language), atomic per week (one D1 batch), and logged in `cron_runs`.
 *
 * A rebuild too big for one invocation (a backfill of years, a very busy week) fans out over
 * the rebuild queue instead: one message per week and edition, built by `consumeRebuildBatch`
 * with exactly the code and bytes of the inline path, its progress kept in `rebuild_tasks`.
 */
import { createDb, type Database } from './db/client.ts';
import {
  completeTaskStatements,
  deleteWeekSummaries,
  finishRun,
  listSummaryStates,
  listWeekFingerprints,
  loadWeekDocuments,
  queueRun,
  recordTaskDeadLettered,
  recordTaskRetry,
  startRun,
  writeWeekSummaries,
  type BatchStatement,
  type SummaryWrite,
} from './db/summaries.ts';
import { getTranslator } from './i18n/index.ts';
import { hashText } from './services/hash.ts';
import { EDITIONS, getContentLanguage, getScript, isEdition, LANGUAGE_TAGS } from './services/languages.ts';
import { getPreviousIsoWeek, getPublicationTime } from './services/week-clock.ts';
import { listFeedUrls, pingHub, sendWithFetch, type Send } from './services/websub.ts';
import { parsePublicOrigin } from './routes/public-origin.ts';
import { buildWeeklySummary, type SummaryLocale, type WeekDocument } from './services/weekly-summary.ts';

/** One summary per edition; the Cyrillic one is cut from the Uzbek text and transliterated. */
export const SUMMARY_LOCALES: SummaryLocale[] = EDITIONS.map((lang) => ({
  lang,
  contentLang: getContentLanguage(lang),
  tag: LANGUAGE_TAGS[lang],
  t: getTranslator(lang),
  script: getScript(lang),
}));

/**
 * Most document-builds (one report through one edition's build) a run does inline. Sized
 * from `npm run bench`: a week of 2,000 reports in all 4 editions, 8,000 document-builds,
 * takes 1.2 s of CPU; over every corpus size measured a document-build costs 0.15–0.24 ms.
 * A scheduled invocation on the paid plan gets 30 s of CPU by default, and the bench leaves
 * out what surrounds the build (reading and parsing the rows, hashing, serialising), so the
 * ceiling is that 2,000-report week: at most 2 s at the dearest rate measured, over 10× under
 * the limit, which leaves room for slower machines than the bench's and for the untimed work.
 */
export const MAX_INLINE_BUILDS = 8_000;

/**
 * With a queue bound, most weeks a run rebuilds inline, whatever their size: a week costs up to
 * 8 D1 queries (a read batch and a write batch of 4 statements each), and an invocation may
 * make 1,000 on the paid plan. A year of weeks is 416 queries at most.
 */
export const MAX_INLINE_WEEKS = 52;

/** Queues accept at most 100 messages per `sendBatch` call (and 256 KB; ours are ~150 bytes). */
export const MAX_MESSAGES_PER_SEND = 100;

/** Queue names, as in wrangler.toml: the consumer tells a dead letter by its queue. */
export const REBUILD_QUEUE_NAME = 'silk-digest-rebuild';
export const REBUILD_DEAD_LETTER_QUEUE_NAME = 'silk-digest-rebuild-dlq';

export interface RebuildBudget {
  maxInlineBuilds: number;
  maxInlineWeeks: number;
}

export const DEFAULT_BUDGET: RebuildBudget = { maxInlineBuilds: MAX_INLINE_BUILDS, maxInlineWeeks: MAX_INLINE_WEEKS };

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

/** The binding is optional: without it every rebuild runs inline, however large. */
export type RebuildEnv = Pick<Env, 'DB' | 'DIGEST_TIME_ZONE' | 'PUBLIC_ORIGIN' | 'WEBSUB_HUB'> & {
  REBUILD_QUEUE?: RebuildProducer | undefined;
};

/**
 * Tells the WebSub hub (when one is configured) that the feeds of `langs` changed. Feed URLs
 * are absolute, so a hub also needs PUBLIC_ORIGIN: a scheduled run has no request to take an
 * origin from. Called only after a write that changed rows, so an unchanged rebuild pings nothing.
 */
export async function publishFeedChanges(
  env: Pick<RebuildEnv, 'PUBLIC_ORIGIN' | 'WEBSUB_HUB'>,
  langs: readonly string[],
  send: Send,
): Promise<void> {
  if (!env.WEBSUB_HUB) return;
  const origin = parsePublicOrigin(env.PUBLIC_ORIGIN);
  if (origin === undefined) {
    console.warn(JSON.stringify({ message: 'WEBSUB_HUB is set but PUBLIC_ORIGIN is not: hub not pinged' }));
    return;
  }
  await pingHub(env.WEBSUB_HUB, listFeedUrls(origin, langs), send);
}

export interface RebuildResult {
  weeksBuilt: string[];
  rowsChanged: number;
  /** Weeks handed to the queue, and its messages (one per week and edition). */
  weeksQueued: string[];
  messagesQueued: number;
  /** The run's estimated size, in document-builds. */
  estimatedBuilds: number;
}

/** When a build runs and the zone its weeks are counted in: together they fix a summary's dates. */
export interface BuildClock {
  /** ISO instant of the build (a cron run's scheduled time, so a retry writes the same bytes). */
  at: string;
  /** DIGEST_TIME_ZONE. */
  timeZone: string;
}

async function buildSummaryRow(
  week: string,
  docs: readonly WeekDocument[],
  locale: SummaryLocale,
  sourceHash: string,
  clock: BuildClock,
): Promise<SummaryWrite> {
  const summary = buildWeeklySummary(week, docs, locale);
  const content = JSON.stringify(summary);
  return {
    week,
    lang: locale.lang,
    title: summary.title,
    summaryText: summary.intro,
    content,
    contentHash: await hashText(content),
    sourceHash,
    // Kept from the first build on (writeWeekSummaries never overwrites it).
    firstPublishedAt: getPublicationTime(week, clock.at, clock.timeZone),
    builtAt: clock.at,
  };
}

/** Builds (and writes, atomically) every language of one week. */
export async function rebuildWeek(db: Database, week: string, fingerprint: string, clock: BuildClock): Promise<number> {
  const docs = await loadWeekDocuments(db, week);
  // An editor deleted the week's last document: its summary must leave the pages and feeds.
  if (docs.length === 0) return deleteWeekSummaries(db, week);
  const sourceHash = await hashText(fingerprint);
  const rows: SummaryWrite[] = [];
  for (const locale of SUMMARY_LOCALES) rows.push(await buildSummaryRow(week, docs, locale, sourceHash, clock));
  return writeWeekSummaries(db, rows);
}

/**
 * Builds (and writes) one edition of one week: the queue's unit of work. Same code, same
 * bytes, same dates as `rebuildWeek` for that edition; `after` joins the write's batch.
 */
export async function rebuildWeekEdition(
  db: Database,
  week: string,
  lang: string,
  sourceHash: string,
  clock: BuildClock,
  after: readonly BatchStatement[] = [],
): Promise<number> {
  const locale = SUMMARY_LOCALES.find((candidate) => candidate.lang === lang);
  if (!locale) throw new Error(`no edition ${lang}`);
  const docs = await loadWeekDocuments(db, week);
  if (docs.length === 0) return deleteWeekSummaries(db, week, lang, after);
  return writeWeekSummaries(db, [await buildSummaryRow(week, docs, locale, sourceHash, clock)], after);
}

export async function chooseWeeksToRebuild(db: Database, justEnded: string): Promise<Map<string, string>> {
  const [fingerprints, states] = await Promise.all([listWeekFingerprints(db), listSummaryStates(db)]);
  const built = new Map<string, Map<string, string>>();
  for (const state of states) {
    const langs = built.get(state.week) ?? new Map<string, string>();
    langs.set(state.lang, state.sourceHash);
    built.set(state.week, langs);
  }
  const chosen = new Map<string, string>();
  for (const [week, fingerprint] of [...fingerprints].sort(([a], [b]) => a.localeCompare(b))) {
    // Weeks still in progress are left for the run after they end.
    if (week > justEnded) continue;
    const langs = built.get(week);
    const sourceHash = await hashText(fingerprint);
    const stale =
      week === justEnded || !langs || SUMMARY_LOCALES.some((locale) => langs.get(locale.lang) !== sourceHash);
    if (stale) chosen.set(week, fingerprint);
  }
  for (const week of built.keys()) {
    if (!fingerprints.has(week)) chosen.set(week, '');
  }
  return chosen;
}

/**
 * A run's size in document-builds: each chosen week's reports times the editions. The
 * fingerprint lists one content hash per live report, so it counts them without a query.
 */
export function estimateBuilds(weeks: ReadonlyMap<string, string>): number {
  let builds = 0;
  for (const fingerprint of weeks.values()) {
    if (fingerprint !== '') builds += fingerprint.split(',').length * SUMMARY_LOCALES.length;
  }
  return builds;
}

export function exceedsBudget(weeks: ReadonlyMap<string, string>, budget: RebuildBudget): boolean {
  return estimateBuilds(weeks) > budget.maxInlineBuilds || weeks.size > budget.maxInlineWeeks;
}

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

export async function runWeeklyRebuild(
  env: RebuildEnv,
  scheduledTime: number,
  cron: string,
  budget: Partial<RebuildBudget> = {},
  send: Send = sendWithFetch,
): Promise<RebuildResult> {
  const limits: RebuildBudget = { ...DEFAULT_BUDGET, ...budget };
  const db = createDb(env.DB);
  const runKey = new Date(scheduledTime).toISOString();
  await startRun(db, runKey, cron, new Date().toISOString());
  const weeksBuilt: string[] = [];
  let rowsChanged = 0;
  const timeZone = env.DIGEST_TIME_ZONE || 'UTC';
  try {
    const justEnded = getPreviousIsoWeek(scheduledTime, timeZone);
    const weeks = await chooseWeeksToRebuild(db, justEnded);
    const estimatedBuilds = estimateBuilds(weeks);
    const tooBig = exceedsBudget(weeks, limits);
    if (tooBig && env.REBUILD_QUEUE) {
      const messages = await planRebuildMessages(runKey, weeks);
      const weeksQueued = [...weeks.keys()];
      // Tasks first, then messages: the run is 'queued' before any consumer can finish it.
      await queueRun(db, runKey, weeksQueued, messages, new Date().toISOString());
      await sendRebuildMessages(env.REBUILD_QUEUE, messages);
      return { weeksBuilt, rowsChanged, weeksQueued, messagesQueued: messages.length, estimatedBuilds };
    }
    if (tooBig) {
      console.warn(
        JSON.stringify({ message: 'rebuild over the inline budget and no REBUILD_QUEUE bound', estimatedBuilds }),
      );
    }
    for (const [week, fingerprint] of weeks) {
      // The scheduled time, not the wall clock: a retry of the same run writes the same bytes.
      rowsChanged += await rebuildWeek(db, week, fingerprint, { at: runKey, timeZone });
      weeksBuilt.push(week);
    }
    await finishRun(db, runKey, { status: 'ok', endedAt: new Date().toISOString(), weeksRebuilt: weeksBuilt });
    // Every edition was built, so any of them may have changed; a hub fetches each feed once.
    if (rowsChanged > 0) await publishFeedChanges(env, EDITIONS, send);
    return { weeksBuilt, rowsChanged, weeksQueued: [], messagesQueued: 0, estimatedBuilds };
  } catch (error) {
    await finishRun(db, runKey, {
      status: 'error',
      endedAt: new Date().toISOString(),
      weeksRebuilt: weeksBuilt,
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
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
 * The queue consumer. On the rebuild queue: builds each message's week and edition, writing
 * the summary and the task's completion in one batch, then acks; on failure records the
 * attempt and retries (the queue redelivers up to max_retries, then dead-letters). On the
 * dead-letter queue: marks the task failed and the run 'error'. Messages are independent: one
 * failing never holds back the others in its batch.
 */
export async function consumeRebuildBatch(
  batch: MessageBatch<unknown>,
  env: Pick<RebuildEnv, 'DB' | 'DIGEST_TIME_ZONE' | 'PUBLIC_ORIGIN' | 'WEBSUB_HUB'>,
  send: Send = sendWithFetch,
): Promise<void> {
  const timeZone = env.DIGEST_TIME_ZONE || 'UTC';
  const db = createDb(env.DB);
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
        const clock = { at: task.runKey, timeZone };
        const changed = await rebuildWeekEdition(db, task.week, task.lang, task.sourceHash, clock, after);
        if (changed > 0) await publishFeedChanges(env, [task.lang], send);
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
