/**
 * The cron's run log (`cron_runs`) and the rebuild queue's task bookkeeping (`rebuild_tasks`):
 * guarded, idempotent writes, each one D1 batch, and the reads /healthz shows.
 */
import { and, desc, eq, getTableColumns, ne, notExists, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { cronRuns, rebuildTasks, type CronRunRow } from './schema.ts';
import type { BatchStatement } from './summaries.ts';

/** Records the start of a run; a retry of the same scheduled time reuses (and counts on) its row. */
export async function startRun(db: Database, scheduledTime: string, cron: string, startedAt: string): Promise<void> {
  await db
    .insert(cronRuns)
    .values({ scheduledTime, cron, startedAt, status: 'running' })
    .onConflictDoUpdate({
      target: cronRuns.scheduledTime,
      set: { startedAt, status: 'running', endedAt: null, error: null, attempts: sql`${cronRuns.attempts} + 1` },
    });
}

export async function finishRun(
  db: Database,
  scheduledTime: string,
  outcome: { status: 'ok' | 'error'; endedAt: string; weeksRebuilt: string[]; error?: string },
): Promise<void> {
  await db
    .update(cronRuns)
    .set({
      status: outcome.status,
      endedAt: outcome.endedAt,
      weeksRebuilt: outcome.weeksRebuilt,
      error: outcome.error ?? null,
    })
    .where(eq(cronRuns.scheduledTime, scheduledTime));
}

/** One (week, edition) of a run handed to the rebuild queue. */
export interface RebuildTaskKey {
  runKey: string;
  week: string;
  lang: string;
}

/**
 * Records a run's tasks and marks the run 'queued', in one batch, before any message is sent:
 * a consumer may finish the last task before the producer's next statement would run, and it
 * completes only a run it sees queued. One statement however many tasks (a backfill of ten
 * years is over 2,000): the pairs go in as one JSON parameter, since D1 binds at most 100.
 * A retry of the same run resets its tasks (fresh messages are on their way); tasks it does
 * not send again keep their state.
 */
export async function queueRun(
  db: Database,
  runKey: string,
  weeks: string[],
  tasks: readonly { week: string; lang: string }[],
  at: string,
): Promise<void> {
  const pairs = JSON.stringify(tasks.map((task) => [task.week, task.lang]));
  // Plain D1 statements: drizzle cannot batch raw SQL, nor name json_each as a table.
  await db.$client.batch([
    db.$client
      .prepare(
        `INSERT INTO rebuild_tasks (run_key, week, lang, status, attempts, error, updated_at)
         SELECT ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]'), 'queued', 0, NULL, ?2
         FROM json_each(?3) WHERE true
         ON CONFLICT (run_key, week, lang) DO UPDATE
           SET status = 'queued', attempts = 0, error = NULL, updated_at = excluded.updated_at`,
      )
      .bind(runKey, at, pairs),
    db.$client
      .prepare(
        `UPDATE cron_runs SET status = 'queued', ended_at = NULL, error = NULL, weeks_rebuilt = ?2
         WHERE scheduled_time = ?1`,
      )
      .bind(runKey, JSON.stringify(weeks)),
  ]);
}

/**
 * The consumer's bookkeeping for a task it built, run in the same batch as the summary write:
 * the task is done, and the run becomes 'ok' if it was the last one. D1 applies batches one
 * at a time, so of two consumers finishing the last two tasks the second sees both done.
 * Idempotent: a redelivered message (same attempts) changes no row.
 */
export function completeTaskStatements(
  db: Database,
  task: RebuildTaskKey,
  attempts: number,
  at: string,
): BatchStatement[] {
  return [
    db
      .insert(rebuildTasks)
      .values({ ...task, status: 'done', attempts, error: null, updatedAt: at })
      .onConflictDoUpdate({
        target: [rebuildTasks.runKey, rebuildTasks.week, rebuildTasks.lang],
        set: {
          status: 'done',
          attempts: sql`max(${rebuildTasks.attempts}, excluded.attempts)`,
          updatedAt: sql`excluded.updated_at`,
        },
        setWhere: sql`${rebuildTasks.status} IS NOT 'done' OR ${rebuildTasks.attempts} < excluded.attempts`,
      }),
    db
      .update(cronRuns)
      .set({ status: 'ok', endedAt: at, error: null })
      .where(
        and(
          eq(cronRuns.scheduledTime, task.runKey),
          eq(cronRuns.status, 'queued'),
          notExists(
            db
              .select({ one: sql`1` })
              .from(rebuildTasks)
              .where(and(eq(rebuildTasks.runKey, task.runKey), ne(rebuildTasks.status, 'done'))),
          ),
        ),
      ),
  ];
}

/**
 * A delivery failed and will be retried: the task keeps its state and records the attempt and
 * the error, and a run still in progress shows the error (cleared if it ends 'ok').
 */
export async function recordTaskRetry(
  db: Database,
  task: RebuildTaskKey,
  attempts: number,
  error: string,
  at: string,
): Promise<void> {
  await db.batch([
    db
      .insert(rebuildTasks)
      .values({ ...task, status: 'queued', attempts, error, updatedAt: at })
      .onConflictDoUpdate({
        target: [rebuildTasks.runKey, rebuildTasks.week, rebuildTasks.lang],
        set: {
          attempts: sql`max(${rebuildTasks.attempts}, excluded.attempts)`,
          error: sql`excluded.error`,
          updatedAt: sql`excluded.updated_at`,
        },
      }),
    db
      .update(cronRuns)
      .set({ error: `${task.week}/${task.lang}, attempt ${attempts}: ${error}` })
      .where(and(eq(cronRuns.scheduledTime, task.runKey), eq(cronRuns.status, 'queued'))),
  ]);
}

/**
 * A message exhausted its retries and reached the dead-letter queue: its task failed, and so
 * did the run, with the task's last error. A task done meanwhile (by a retry of the run) stays
 * done.
 */
export async function recordTaskDeadLettered(db: Database, task: RebuildTaskKey, at: string): Promise<void> {
  const key = and(
    eq(rebuildTasks.runKey, task.runKey),
    eq(rebuildTasks.week, task.week),
    eq(rebuildTasks.lang, task.lang),
  );
  const [existing] = await db.select().from(rebuildTasks).where(key);
  if (existing?.status === 'done') return;
  const error = `${task.week}/${task.lang} failed after ${existing?.attempts ?? 0} attempts: ${existing?.error ?? 'no error recorded'}`;
  await db.batch([
    db
      .insert(rebuildTasks)
      .values({ ...task, status: 'failed', attempts: 0, updatedAt: at })
      .onConflictDoUpdate({
        target: [rebuildTasks.runKey, rebuildTasks.week, rebuildTasks.lang],
        set: { status: 'failed', updatedAt: sql`excluded.updated_at` },
        setWhere: sql`${rebuildTasks.status} IS NOT 'done'`,
      }),
    db
      .update(cronRuns)
      .set({ status: 'error', endedAt: at, error })
      .where(and(eq(cronRuns.scheduledTime, task.runKey), eq(cronRuns.status, 'queued'))),
  ]);
}

/** Progress of a run that used the queue (null for a run built inline). */
interface RunTaskCounts {
  total: number;
  queued: number;
  done: number;
  failed: number;
  /** Deliveries beyond the first, over all tasks. */
  retries: number;
}

export type RecentRun = CronRunRow & { tasks: RunTaskCounts | null };

export async function listRecentRuns(db: Database, limit = 10): Promise<RecentRun[]> {
  // One statement: the counts are a correlated subquery on the tasks' primary key.
  const rows = await db
    .select({
      ...getTableColumns(cronRuns),
      tasks: sql<string | null>`(SELECT CASE WHEN count(*) = 0 THEN NULL ELSE json_object(
          'total', count(*),
          'queued', sum(${rebuildTasks.status} = 'queued'),
          'done', sum(${rebuildTasks.status} = 'done'),
          'failed', sum(${rebuildTasks.status} = 'failed'),
          'retries', sum(max(${rebuildTasks.attempts} - 1, 0))) END
        FROM ${rebuildTasks} WHERE ${rebuildTasks.runKey} = ${cronRuns.scheduledTime})`,
    })
    .from(cronRuns)
    .orderBy(desc(cronRuns.startedAt), desc(cronRuns.id))
    .limit(limit);
  return rows.map((row) => ({ ...row, tasks: row.tasks ? (JSON.parse(row.tasks) as RunTaskCounts) : null }));
}
