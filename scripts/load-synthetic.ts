/**
 * A loaded local D1 for the HTTP benchmark, in its own persistence directory
 * (`.wrangler/bench-state-<N>`, never the developer's `.wrangler/state`):
 *
 * 1. the migrations, applied by `wrangler d1 migrations apply DB --local --persist-to <dir>`;
 * 2. the real corpus, through wrangler's platform proxy and `seedCorpus` (as `npm run seed`);
 * 3. N synthetic reports (scripts/synthetic.ts) written straight into miniflare's SQLite file
 *    with Node's built-in `node:sqlite`, in one transaction with prepared statements: through
 *    the D1 API 100,000 documents would take far longer. Rows are shaped exactly as the seed and
 *    the editorial API write them; the FTS triggers of migration 0002 index the translations
 *    (checked after the load);
 * 4. the weekly summaries, built by the cron's own `chooseWeeksToRebuild` / `rebuildWeek`
 *    through the platform proxy (every week by default; `summaryWeeks` limits it to the most
 *    recent ones).
 *
 * Synthetic reports end on 2025-08-10, before the newest real reports (2025-W34, 2025-W51), so
 * the pages the benchmark compares across N (the home page's first items, a real article, the
 * week 2025-W51, the energy topic's first items) show the same stories at every N: only the
 * corpus behind them grows.
 *
 * The directory is cached: `bench-state.json` records a key made of the migrations, the
 * generator and this loader's version; a mismatch rebuilds it. It is built under a temporary
 * name and renamed when complete, so an interrupted load is never mistaken for a finished one.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { getPlatformProxy } from 'wrangler';
import { createDb } from '../src/db/client.ts';
import { seedCorpus } from '../src/db/seed.ts';
import { rebuildWeek } from '../src/workflows/summaries/build-week.ts';
import { chooseWeeksToRebuild } from '../src/workflows/summaries/choose-weeks.ts';
import { assembleCorpus, prepareEntityRecords } from '../src/services/corpus.ts';
import { getIsoWeek } from '../src/services/iso-week.ts';
import { summarizeLead } from '../src/services/sentences.ts';
import { getPreviousIsoWeek } from '../src/services/week-clock.ts';
import type { WeekDocument } from '../src/services/weekly-summary.ts';
import { readCorpusInput } from './content.ts';
import { createEntityPool, generateDocuments, type SyntheticEntity } from './synthetic.ts';
import { ROOT, WRANGLER } from './wrangler-dev.ts';

/** Bump when the rows this loader writes change shape. */
const LOADER_VERSION = 1;

export const SYNTHETIC_RANGE = { startDate: '2016-01-04', endDate: '2025-08-10' } as const;
/** A real article and its week: the same page at every N. */
export const FIXED_ARTICLE = 'mirziyoyev-and-takaichi-hold-talks-in-tokyo';

export interface BenchStateInfo {
  key: string;
  n: number;
  documents: number;
  translations: number;
  searchRows: number;
  weeks: number;
  summaryWeeks: number;
  summaryRows: number;
  /** Weeks the summaries were limited to (null: every week). */
  summaryWeekLimit: number | null;
  article: string;
  week: string;
  timings: { migrateMs: number; seedMs: number; generateMs: number; insertMs: number; summariesMs: number };
  builtAt: string;
}

export interface BenchState extends BenchStateInfo {
  dir: string;
  sqlitePath: string;
  dbBytes: number;
  cached: boolean;
}

export interface EnsureOptions {
  /** Build only the summaries of the most recent weeks (and the real corpus's weeks). */
  summaryWeeks?: number;
  log?: (line: string) => void;
}

/** Environment for every wrangler process the benchmark starts. */
export function wranglerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    // Nothing here reads request.cf: don't let miniflare fetch it from the network.
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    ...extra,
  };
}

export function benchStateDir(n: number): string {
  return join(ROOT, '.wrangler', `bench-state-${n}`);
}

function hashFiles(paths: string[]): string {
  const hash = createHash('sha256');
  hash.update(`loader ${LOADER_VERSION}\n`);
  for (const path of paths) {
    hash.update(`${path}\n`);
    hash.update(readFileSync(join(ROOT, path)));
  }
  return hash.digest('hex').slice(0, 16);
}

function stateKey(n: number): string {
  const migrations = readdirSync(join(ROOT, 'migrations'))
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => `migrations/${name}`);
  return `${n}:${hashFiles([...migrations, 'scripts/synthetic.ts'])}`;
}

/** The D1 database file miniflare keeps under a persistence directory. */
export function findSqlite(dir: string): string {
  const d1 = join(dir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const files = existsSync(d1)
    ? readdirSync(d1).filter((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite')
    : [];
  if (files.length !== 1) throw new Error(`expected one D1 database file in ${d1}, found ${files.length}`);
  return join(d1, files[0]!);
}

function fileBytes(path: string): number {
  let bytes = 0;
  for (const suffix of ['', '-wal']) if (existsSync(path + suffix)) bytes += statSync(path + suffix).size;
  return bytes;
}

function readInfo(dir: string): BenchStateInfo | null {
  const path = join(dir, 'bench-state.json');
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as BenchStateInfo;
  } catch {
    return null;
  }
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Writes the synthetic reports into the D1 file in one transaction; returns the row counts. */
function insertSynthetic(
  sqlitePath: string,
  docs: readonly WeekDocument[],
  entityNames: Map<string, SyntheticEntity>,
  log: (line: string) => void,
): { documents: number; translations: number; searchRows: number } {
  const db = new DatabaseSync(sqlitePath);
  try {
    // Only for this connection: the load is redone from scratch if it is interrupted.
    db.exec('PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;');
    // Fewer forced merges of the FTS segments while loading (a third faster); reset to FTS5's
    // default (16) at the end, so the Worker then sees the index configured as the migration left it.
    db.exec(`INSERT INTO search_index (search_index, rank) VALUES ('crisismerge', 64)`);
    db.exec('BEGIN');
    const insertEntity = db.prepare(
      `INSERT INTO entities (slug, kind, name_en, name_uz, name_ja) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (slug) DO NOTHING`,
    );
    const insertDocument = db.prepare(
      `INSERT INTO documents (slug, source_name, source_url, published_on, published_note, iso_week,
         original_language, headline_is_editorial, photo_credit, content_hash)
       VALUES (?, ?, ?, ?, NULL, ?, ?, ?, NULL, ?)`,
    );
    const insertTranslation = db.prepare(
      `INSERT INTO translations (document_id, lang, headline, summary, body, origin, content_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertTopic = db.prepare('INSERT INTO document_topics (document_id, topic_id, position) VALUES (?, ?, ?)');
    const insertEntityLink = db.prepare(
      'INSERT INTO document_entities (document_id, entity_id, mentions) VALUES (?, ?, ?)',
    );

    // Entities of the pool that the reports name (the real corpus already has the common places).
    const slugs = new Set<string>();
    for (const doc of docs) for (const link of doc.entities) slugs.add(link.slug);
    for (const slug of slugs) {
      const entity = entityNames.get(slug);
      const kind = entity?.kind ?? 'place';
      insertEntity.run(slug, kind, entity?.en ?? slug, entity?.uz ?? slug, entity?.ja ?? slug);
    }
    const entityIds = new Map<string, number>();
    for (const row of db.prepare('SELECT id, slug FROM entities').all()) {
      entityIds.set(row.slug as string, Number(row.id));
    }

    const weekOf = new Map<string, string>();
    let done = 0;
    for (const doc of docs) {
      let isoWeek = weekOf.get(doc.publishedOn);
      if (!isoWeek) {
        isoWeek = getIsoWeek(doc.publishedOn);
        weekOf.set(doc.publishedOn, isoWeek);
      }
      const texts = Object.entries(doc.texts).map(([lang, text]) => {
        const blocks = text.paragraphs.map((paragraph) => ({ kind: 'p' as const, text: paragraph }));
        // summarizeLead stops at three sentences, and every paragraph has at least one.
        const summary = summarizeLead(text.paragraphs.slice(0, 3), lang);
        return {
          lang,
          headline: text.headline,
          summary,
          blocks,
          contentHash: sha256(JSON.stringify([text.headline, blocks])),
        };
      });
      const contentHash = sha256(
        JSON.stringify({
          slug: doc.slug,
          sourceName: doc.sourceName,
          sourceUrl: doc.sourceUrl,
          publishedOn: doc.publishedOn,
          isoWeek,
          originalLanguage: doc.originalLanguage,
          headlineIsEditorial: doc.headlineIsEditorial,
          topics: doc.topics,
          entities: doc.entities,
          texts: texts.map((text) => text.contentHash),
        }),
      );
      const { lastInsertRowid } = insertDocument.run(
        doc.slug,
        doc.sourceName,
        doc.sourceUrl,
        doc.publishedOn,
        isoWeek,
        doc.originalLanguage,
        doc.headlineIsEditorial ? 1 : 0,
        contentHash,
      );
      const id = Number(lastInsertRowid);
      for (const text of texts) {
        insertTranslation.run(
          id,
          text.lang,
          text.headline,
          text.summary,
          JSON.stringify(text.blocks),
          text.lang === doc.originalLanguage ? 'source' : 'human',
          text.contentHash,
        );
      }
      doc.topics.forEach((topic, position) => insertTopic.run(id, topic, position));
      for (const link of doc.entities) {
        const entityId = entityIds.get(link.slug);
        if (entityId === undefined) throw new Error(`entity ${link.slug} was not inserted`);
        insertEntityLink.run(id, entityId, link.mentions);
      }
      done += 1;
      if (done % 20_000 === 0) log(`  … ${done.toLocaleString('en')} documents`);
    }
    db.exec('COMMIT');
    db.exec(`INSERT INTO search_index (search_index, rank) VALUES ('crisismerge', 16)`);

    const count = (sql: string): number => Number(db.prepare(sql).get()?.n ?? 0);
    const totalTranslations = count('SELECT count(*) AS n FROM translations');
    const searchRows = count('SELECT count(*) AS n FROM search_index_docsize');
    if (searchRows !== totalTranslations) {
      throw new Error(`the FTS triggers indexed ${searchRows} texts of ${totalTranslations}`);
    }
    if (count(`SELECT count(*) AS n FROM search_index WHERE search_index MATCH '"Samarkand"'`) === 0) {
      throw new Error('the search index does not find "Samarkand"');
    }
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    return { documents: count('SELECT count(*) AS n FROM documents'), translations: totalTranslations, searchRows };
  } finally {
    db.close();
  }
}

async function buildSummaries(
  dir: string,
  limit: number | undefined,
  realWeeks: Set<string>,
  log: (line: string) => void,
): Promise<{ weeks: number; built: number }> {
  const proxy = await getPlatformProxy<Env>({
    configPath: join(ROOT, 'wrangler.toml'),
    persist: { path: join(dir, 'v3') },
  });
  try {
    const db = createDb(proxy.env.DB);
    const now = Date.now();
    const chosen = await chooseWeeksToRebuild(db, getPreviousIsoWeek(now, 'UTC'));
    let weeks = [...chosen];
    if (limit !== undefined) {
      const recent = new Set(weeks.slice(-limit).map(([week]) => week));
      weeks = weeks.filter(([week]) => recent.has(week) || realWeeks.has(week));
    }
    const at = new Date(now).toISOString();
    let built = 0;
    for (const [week, fingerprint] of weeks) {
      await rebuildWeek(db, week, fingerprint, { at, timeZone: 'UTC' });
      built += 1;
      if (built % 100 === 0) log(`  … ${built} of ${weeks.length} weeks`);
    }
    return { weeks: chosen.size, built };
  } finally {
    await proxy.dispose();
  }
}

function stateFrom(dir: string, info: BenchStateInfo, cached: boolean): BenchState {
  const sqlitePath = findSqlite(dir);
  return { ...info, dir, sqlitePath, dbBytes: fileBytes(sqlitePath), cached };
}

/** The loaded directory for N synthetic reports: reused when its key matches, else (re)built. */
export async function ensureBenchState(n: number, options: EnsureOptions = {}): Promise<BenchState> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dir = benchStateDir(n);
  const key = stateKey(n);
  const existing = readInfo(dir);
  if (existing?.key === key && existing.summaryWeekLimit === (options.summaryWeeks ?? null)) {
    return stateFrom(dir, existing, true);
  }

  log(`Loading ${n.toLocaleString('en')} synthetic reports into ${dir} …`);
  const building = `${dir}.building`;
  rmSync(building, { recursive: true, force: true });
  const env = wranglerEnv({ CI: '1' });

  let start = performance.now();
  await run(process.execPath, [WRANGLER, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', building], env);
  const migrateMs = performance.now() - start;

  start = performance.now();
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
  const input = await readCorpusInput();
  const corpus = await assembleCorpus(input);
  const proxy = await getPlatformProxy<Env>({
    configPath: join(ROOT, 'wrangler.toml'),
    // getPlatformProxy takes miniflare's root; `--persist-to <dir>` puts it at <dir>/v3.
    persist: { path: join(building, 'v3') },
  });
  try {
    await seedCorpus(createDb(proxy.env.DB), corpus, prepareEntityRecords(input.entities.entities));
  } finally {
    await proxy.dispose();
  }
  const seedMs = performance.now() - start;
  log(
    `  migrations ${(migrateMs / 1000).toFixed(1)} s, real corpus (${corpus.length} reports) ${(seedMs / 1000).toFixed(1)} s`,
  );

  start = performance.now();
  const pool = createEntityPool();
  const docs = generateDocuments({ count: n, seed: 0xbe7c4 + n, ...SYNTHETIC_RANGE, pool });
  const generateMs = performance.now() - start;

  start = performance.now();
  const names = new Map<string, SyntheticEntity>();
  for (const entity of [...pool.persons, ...pool.organizations, ...pool.places]) names.set(entity.slug, entity);
  const sqlitePath = findSqlite(building);
  const counts = insertSynthetic(sqlitePath, docs, names, log);
  const insertMs = performance.now() - start;
  log(
    `  generated in ${(generateMs / 1000).toFixed(1)} s, written in ${(insertMs / 1000).toFixed(1)} s ` +
      `(${counts.documents.toLocaleString('en')} documents, ${counts.translations.toLocaleString('en')} texts indexed)`,
  );

  start = performance.now();
  const realWeeks = new Set(corpus.map((doc) => doc.isoWeek));
  const summaries = await buildSummaries(building, options.summaryWeeks, realWeeks, log);
  const summariesMs = performance.now() - start;
  log(`  ${summaries.built} of ${summaries.weeks} weeks summarised in ${(summariesMs / 1000).toFixed(1)} s`);

  const db = new DatabaseSync(sqlitePath);
  let info: BenchStateInfo;
  try {
    const article = db.prepare('SELECT iso_week FROM documents WHERE slug = ?').get(FIXED_ARTICLE);
    if (!article) throw new Error(`the real article ${FIXED_ARTICLE} is missing`);
    const summaryRows = Number(db.prepare('SELECT count(*) AS n FROM weekly_summaries').get()?.n ?? 0);
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    info = {
      key,
      n,
      documents: counts.documents,
      translations: counts.translations,
      searchRows: counts.searchRows,
      weeks: summaries.weeks,
      summaryWeeks: summaries.built,
      summaryRows,
      summaryWeekLimit: options.summaryWeeks ?? null,
      article: FIXED_ARTICLE,
      week: article.iso_week as string,
      timings: { migrateMs, seedMs, generateMs, insertMs, summariesMs },
      builtAt: new Date().toISOString(),
    };
  } finally {
    db.close();
  }
  writeFileSync(join(building, 'bench-state.json'), `${JSON.stringify(info, null, 2)}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return stateFrom(dir, info, false);
}
