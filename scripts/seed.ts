/**
 * npm run seed: loads the corpus into the local D1 that `wrangler dev` uses (through
 * wrangler's platform proxy, so writes go through the real D1 API and batch()).
 * Idempotent: a second run reports 0 changed rows.
 */
import { getPlatformProxy } from 'wrangler';
import { createDb } from '../src/db/client.ts';
import { seedCorpus } from '../src/db/seed.ts';
import { assembleCorpus } from '../src/services/corpus.ts';
import { readCorpusInput } from './content.ts';

const input = await readCorpusInput();
const corpus = await assembleCorpus(input);
const proxy = await getPlatformProxy<Env>({ configPath: 'wrangler.toml', persist: true });
try {
  const changed = await seedCorpus(createDb(proxy.env.DB), corpus, input.entities.entities);
  console.log(`seed: ${corpus.length} documents, ${changed} rows changed`);
} finally {
  await proxy.dispose();
}
