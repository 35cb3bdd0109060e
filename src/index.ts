import { app } from './app.tsx';
import { toPublicRequest } from './services/public-origin.ts';
import { queue, scheduled } from './scheduled.ts';
import type { RebuildMessage } from './workflows/summaries/rebuild-queue.ts';

export default {
  // Re-addressed to PUBLIC_ORIGIN first, so no route ever sees the Host a client sent.
  fetch: (request: Request, env: Env, ctx: ExecutionContext) =>
    app.fetch(toPublicRequest(request, env.PUBLIC_ORIGIN), env, ctx),
  scheduled,
  queue,
} satisfies ExportedHandler<Env, RebuildMessage>;
