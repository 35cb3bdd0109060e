/**
 * npm run seed: loads the corpus into the local D1 that `wrangler dev` uses (through
 * wrangler's platform proxy, so writes go through the real D1 API and batch()).
 * Idempotent: a second run reports 0 changed rows.
 *
 * `--persist-to <dir>` seeds the D1 of `wrangler dev --persist-to <dir>` instead of the default
 * one, so the browser tests (e2e/) get a database of their own and never touch the developer's.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getPlatformProxy } from 'wrangler';
import { createDb } from '../src/db/client.ts';
import { seedCorpus } from '../src/db/seed.ts';
import { seedSources } from '../src/db/sources.ts';
import { parseSourceRegistry } from '../src/workflows/ingestion/source-registry.ts';
import { rebuildWeek } from '../src/workflows/summaries/build-week.ts';
import { chooseWeeksToRebuild } from '../src/workflows/summaries/choose-weeks.ts';
import { getPreviousIsoWeek } from '../src/services/week-clock.ts';
import { assembleCorpus, prepareEntityRecords } from '../src/services/corpus.ts';
import { readCorpusInput } from './content.ts';

const input = await readCorpusInput();
const corpus = await assembleCorpus(input);
const { values: args } = parseArgs({ options: { 'persist-to': { type: 'string' } } });
const persistTo = args['persist-to'];
// wrangler's --persist-to names the parent of the versioned state dir; the proxy wants the latter.
const persist = persistTo === undefined ? true : { path: join(persistTo, 'v3') };
const proxy = await getPlatformProxy<Env>({ configPath: 'wrangler.toml', persist });
try {
  const db = createDb(proxy.env.DB);
  const changed = await seedCorpus(db, corpus, prepareEntityRecords(input.entities.entities));
  console.log(`seed: ${corpus.length} documents, ${changed} rows changed`);
  // The default sources ingestion polls; only feed URLs not registered yet are added.
  const registry = parseSourceRegistry(JSON.parse(await readFile('content/sources.json', 'utf8')));
  const added = await seedSources(db, registry, new Date().toISOString());
  console.log(`seed: ${registry.length} sources in content/sources.json, ${added} added`);
  // Build the weekly summaries now, as the Monday cron would, so a fresh `npm start` shows them.
  const now = Date.now();
  const timeZone = proxy.env.DIGEST_TIME_ZONE || 'UTC';
  const weeks = await chooseWeeksToRebuild(db, getPreviousIsoWeek(now, timeZone));
  let summaryChanges = 0;
  for (const [week, fingerprint] of weeks)
    // The cron's own dating: each week published when it was due, not at seeding time.
    summaryChanges += await rebuildWeek(db, week, fingerprint, { at: new Date(now).toISOString(), timeZone });
  console.log(`seed: ${weeks.size} weekly summaries checked, ${summaryChanges} rows changed`);
} finally {
  await proxy.dispose();
}
