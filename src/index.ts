import { app } from './app.tsx';
import { queue, scheduled } from './scheduled.ts';
import type { RebuildMessage } from './workflows/summaries/rebuild-queue.ts';

export default {
  fetch: app.fetch,
  scheduled,
  queue,
} satisfies ExportedHandler<Env, RebuildMessage>;
