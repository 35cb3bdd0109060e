import { app } from './app.tsx';
import { consumeRebuildBatch, runWeeklyRebuild, type RebuildMessage } from './scheduled.ts';
import {
  consumeIngestBatch,
  INGEST_CRON,
  INGEST_DEAD_LETTER_QUEUE_NAME,
  INGEST_QUEUE_NAME,
  runIngestionCron,
  type IngestMessage,
} from './workflows/ingestion/run-ingestion.ts';

const outboundFetch = (request: Request): Promise<Response> => fetch(request);

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    if (controller.cron === INGEST_CRON) {
      const result = await runIngestionCron(env, controller.scheduledTime, outboundFetch);
      console.log(
        JSON.stringify({
          message: 'ingestion',
          cron: controller.cron,
          due: result.due,
          queued: result.queued,
          polled: result.polled.length,
        }),
      );
      return;
    }
    const result = await runWeeklyRebuild(env, controller.scheduledTime, controller.cron);
    console.log(JSON.stringify({ message: 'weekly rebuild', cron: controller.cron, ...result }));
  },
  // The rebuild queues (a rebuild too big for one cron invocation) and the ingest queues (one source per message).
  async queue(batch, env) {
    if (batch.queue === INGEST_QUEUE_NAME || batch.queue === INGEST_DEAD_LETTER_QUEUE_NAME) {
      await consumeIngestBatch(batch, env, outboundFetch);
      return;
    }
    await consumeRebuildBatch(batch, env);
  },
} satisfies ExportedHandler<Env, RebuildMessage | IngestMessage>;
