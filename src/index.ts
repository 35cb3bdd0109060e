import { app } from './app.tsx';
import { toPublicRequest } from './services/public-origin.ts';
import { queue, scheduled } from './scheduled.ts';
import type { RebuildMessage } from './workflows/summaries/rebuild-queue.ts';
import {
  consumeIngestBatch,
  INGEST_CRON,
  isIngestQueue,
  runIngestionCron,
  type IngestMessage,
} from './workflows/ingestion/run-ingestion.ts';
import {
  consumeTranslateBatch,
  TRANSLATE_QUEUE_NAME,
  type TranslateMessage,
} from './workflows/ingestion/translate-queue.ts';

const outboundFetch = (request: Request): Promise<Response> => fetch(request);

export default {
  // Re-addressed to PUBLIC_ORIGIN first, so no route ever sees the Host a client sent.
  fetch: (request: Request, env: Env, ctx: ExecutionContext) =>
    app.fetch(toPublicRequest(request, env.PUBLIC_ORIGIN), env, ctx),
  // Two triggers: Monday's summaries (scheduled.ts) and ingestion every 30 minutes.
  async scheduled(controller, env) {
    if (controller.cron !== INGEST_CRON) return scheduled(controller, env);
    const result = await runIngestionCron(env, controller.scheduledTime, outboundFetch);
    const { due, queued, polled } = result;
    console.log(JSON.stringify({ message: 'ingestion', cron: controller.cron, due, queued, polled: polled.length }));
  },
  // The rebuild queues (scheduled.ts), the ingest queues (one source per message) and translation.
  async queue(batch, env) {
    if (isIngestQueue(batch.queue)) return consumeIngestBatch(batch, env, outboundFetch);
    if (batch.queue === TRANSLATE_QUEUE_NAME) return consumeTranslateBatch(batch, env);
    await queue(batch as MessageBatch<RebuildMessage>, env);
  },
} satisfies ExportedHandler<Env, RebuildMessage | IngestMessage | TranslateMessage>;
