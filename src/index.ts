import { app } from './app.tsx';
import { toPublicRequest } from './routes/public-origin.ts';
import { consumeRebuildBatch, runWeeklyRebuild, type RebuildMessage } from './scheduled.ts';

export default {
  // Re-addressed to PUBLIC_ORIGIN first, so no route ever sees the Host a client sent.
  fetch: (request: Request, env: Env, ctx: ExecutionContext) =>
    app.fetch(toPublicRequest(request, env.PUBLIC_ORIGIN), env, ctx),
  async scheduled(controller, env) {
    const result = await runWeeklyRebuild(env, controller.scheduledTime, controller.cron);
    console.log(JSON.stringify({ message: 'weekly rebuild', cron: controller.cron, ...result }));
  },
  // The rebuild queue and its dead-letter queue: a rebuild too big for one cron invocation.
  async queue(batch, env) {
    await consumeRebuildBatch(batch, env);
  },
} satisfies ExportedHandler<Env, RebuildMessage>;
