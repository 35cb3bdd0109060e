import { app } from './app.tsx';
import { runWeeklyRebuild } from './scheduled.ts';

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    const result = await runWeeklyRebuild(env, controller.scheduledTime, controller.cron);
    console.log(JSON.stringify({ message: 'weekly rebuild', cron: controller.cron, ...result }));
  },
} satisfies ExportedHandler<Env>;
