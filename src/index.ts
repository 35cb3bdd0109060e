import { app } from './app.tsx';
import { consumeRebuildBatch, runWeeklyRebuild, type RebuildMessage } from './scheduled.ts';

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    const result = await runWeeklyRebuild(env, controller.scheduledTime, controller.cron);
    console.log(JSON.stringify({ message: 'weekly rebuild', cron: controller.cron, ...result }));
  },
  // The rebuild queue and its dead-letter queue: a rebuild too big for one cron invocation.
  async queue(batch, env) {
    await consumeRebuildBatch(batch, env);
  },
} satisfies ExportedHandler<Env, RebuildMessage>;
