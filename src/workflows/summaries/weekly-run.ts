/**
 * The weekly run: rebuilds the summary of the week that just ended, and backfills every
 * earlier week whose summary is missing or was built from documents that have changed since.
 * Idempotent (unchanged content writes nothing), safe under overlap (upserts keyed by week
 * and language), atomic per week (one D1 batch), and logged in `cron_runs`. A run over the
 * inline budget fans out over the rebuild queue (rebuild-queue.ts) when one is bound.
 */
import type { Database } from '../../db/client.ts';
import { finishRun, queueRun, startRun } from '../../db/runs.ts';
import { EDITIONS } from '../../services/languages.ts';
import { getPreviousIsoWeek } from '../../services/week-clock.ts';
import { rebuildWeek } from './build-week.ts';
import {
  chooseWeeksToRebuild,
  DEFAULT_BUDGET,
  estimateBuilds,
  exceedsBudget,
  type RebuildBudget,
} from './choose-weeks.ts';
import { planRebuildMessages, sendRebuildMessages, type RebuildProducer } from './rebuild-queue.ts';

export interface WeeklyRunInput {
  /** The trigger's scheduled time (ms): the run's key, and the summaries' dates. */
  scheduledTime: number;
  cron: string;
  /** IANA zone whose Monday 00:00 starts a digest week. */
  timeZone: string;
  /** Without a queue every rebuild runs inline, however large. */
  queue?: RebuildProducer | undefined;
  budget?: Partial<RebuildBudget> | undefined;
  /**
   * Told which editions' feeds changed after a run that changed summaries (the adapter pings
   * the WebSub hub); never called for a run that changed nothing.
   */
  onFeedsChanged?: ((langs: readonly string[]) => Promise<void>) | undefined;
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

export async function runWeeklyRebuild(db: Database, input: WeeklyRunInput): Promise<RebuildResult> {
  const limits: RebuildBudget = { ...DEFAULT_BUDGET, ...input.budget };
  const runKey = new Date(input.scheduledTime).toISOString();
  await startRun(db, runKey, input.cron, new Date().toISOString());
  const weeksBuilt: string[] = [];
  let rowsChanged = 0;
  try {
    const justEnded = getPreviousIsoWeek(input.scheduledTime, input.timeZone);
    const weeks = await chooseWeeksToRebuild(db, justEnded);
    const estimatedBuilds = estimateBuilds(weeks);
    const tooBig = exceedsBudget(weeks, limits);
    if (tooBig && input.queue) {
      const messages = await planRebuildMessages(runKey, weeks);
      const weeksQueued = [...weeks.keys()];
      // Tasks first, then messages: the run is 'queued' before any consumer can finish it.
      await queueRun(db, runKey, weeksQueued, messages, new Date().toISOString());
      await sendRebuildMessages(input.queue, messages);
      return { weeksBuilt, rowsChanged, weeksQueued, messagesQueued: messages.length, estimatedBuilds };
    }
    if (tooBig) {
      console.warn(
        JSON.stringify({ message: 'rebuild over the inline budget and no REBUILD_QUEUE bound', estimatedBuilds }),
      );
    }
    for (const [week, fingerprint] of weeks) {
      // The scheduled time, not the wall clock: a retry of the same run writes the same bytes.
      rowsChanged += await rebuildWeek(db, week, fingerprint, { at: runKey, timeZone: input.timeZone });
      weeksBuilt.push(week);
    }
    await finishRun(db, runKey, { status: 'ok', endedAt: new Date().toISOString(), weeksRebuilt: weeksBuilt });
    // Every edition was built, so any of them may have changed.
    if (rowsChanged > 0) await input.onFeedsChanged?.(EDITIONS);
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
