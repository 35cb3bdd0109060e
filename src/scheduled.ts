/**
 * The Worker's cron and queue entry points: they only translate the platform's arguments into
 * the summaries workflow's input (workflows/summaries/) and log the outcome.
 */
import { createDb } from './db/client.ts';
import { publishFeedChanges, sendWithFetch } from './services/websub.ts';
import { consumeRebuildBatch, type RebuildMessage } from './workflows/summaries/rebuild-queue.ts';
import { runWeeklyRebuild } from './workflows/summaries/weekly-run.ts';

/** Monday's trigger: rebuild the week that just ended, and backfill. */
export async function scheduled(controller: ScheduledController, env: Env): Promise<void> {
  const result = await runWeeklyRebuild(createDb(env.DB), {
    scheduledTime: controller.scheduledTime,
    cron: controller.cron,
    timeZone: env.DIGEST_TIME_ZONE || 'UTC',
    queue: env.REBUILD_QUEUE,
    onFeedsChanged: (langs) => publishFeedChanges(env, langs, sendWithFetch),
  });
  console.log(JSON.stringify({ message: 'weekly rebuild', cron: controller.cron, ...result }));
}

/** The rebuild queue and its dead-letter queue: a rebuild too big for one cron invocation. */
export async function queue(batch: MessageBatch<RebuildMessage>, env: Env): Promise<void> {
  await consumeRebuildBatch(createDb(env.DB), batch, {
    timeZone: env.DIGEST_TIME_ZONE || 'UTC',
    onFeedsChanged: (langs) => publishFeedChanges(env, langs, sendWithFetch),
  });
}
