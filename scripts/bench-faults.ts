/**
 * The fault half of `npm run bench` (`--only faults`): the service under sustained load while
 * the things that change its data happen at the same time.
 *
 * - wrk, 64 connections for 60 s (--quick: 20 s), over every edition's pages, feeds, search and
 *   the JSON API; half the requests carry a unique `_miss=` parameter so they are rendered from
 *   D1, the other half come from the page cache. A Lua `response()` hook counts 5xx answers.
 * - The cron fires twice during the load (`wrangler dev --test-scheduled`, `/__scheduled`).
 * - Eight editors save the same document over and over, each sending the revision it read.
 *   Two saves from the same revision cannot both win: one gets 200, the other 409 and reads
 *   again. At the end every winning save must be a revision of its own (none lost, none
 *   doubled), and there is at most one winner per revision it started from.
 *
 * The run uses a copy of the 1,000-report bench database, so the cached ones are never changed.
 * It prints its findings and sets a failing exit code when one does not hold.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { buildWorker, formatMs, printTable, startServer, type Server } from './bench-http.ts';
import { ensureBenchState, findSqlite } from './load-synthetic.ts';

const TOKEN = 'bench-admin-token';
const ADMIN = { authorization: `Bearer ${TOKEN}` };
const WRITERS = 8;
const EDITIONS = ['en', 'uz', 'uz-Cyrl', 'ja'] as const;
const SEARCH: Record<(typeof EDITIONS)[number], string> = {
  en: 'Samarkand',
  uz: 'Samarqand',
  'uz-Cyrl': 'Самарқанд',
  ja: 'サマルカンド',
};

/**
 * wrk's Lua: each request takes the next path of the list (threads start at different offsets);
 * every other request is made unique so it misses the page cache. `response()` counts statuses,
 * and `done()` adds up the threads' counts (each thread has its own Lua state).
 */
const MIX_SCRIPT = `
local paths = {}
for line in io.lines(os.getenv("SILK_PATHS")) do paths[#paths + 1] = line end
local threads = {}
local thread_count = 0
function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
  table.insert(threads, thread)
end
local i = 0
local n = 0
-- Globals, not locals: done() reads them from each thread with thread:get().
s2, s3, s4, s5 = 0, 0, 0, 0
function init(args)
  i = tid * 7
end
function request()
  i = i + 1
  n = n + 1
  local path = paths[(i % #paths) + 1]
  if n % 2 == 0 then
    local sep = string.find(path, "?", 1, true) and "&" or "?"
    path = path .. sep .. "_miss=" .. tid .. "." .. n
  end
  return wrk.format("GET", path)
end
function response(status, headers, body)
  if status >= 500 then s5 = s5 + 1
  elseif status >= 400 then s4 = s4 + 1
  elseif status >= 300 then s3 = s3 + 1
  else s2 = s2 + 1 end
end
function done(summary, latency, requests)
  local t2, t3, t4, t5 = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    t2 = t2 + thread:get("s2")
    t3 = t3 + thread:get("s3")
    t4 = t4 + thread:get("s4")
    t5 = t5 + thread:get("s5")
  end
  io.write(string.format("STATUS 2xx=%d 3xx=%d 4xx=%d 5xx=%d\\n", t2, t3, t4, t5))
end
`;

interface LoadResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  byClass: Record<'2xx' | '3xx' | '4xx' | '5xx', number>;
  socketErrors: number;
}

function readPercentile(output: string, p: number): number {
  const match = new RegExp(`^\\s*${p}(?:\\.0+)?%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(output);
  if (!match) return Number.NaN;
  const scale = { us: 0.001, ms: 1, s: 1000 }[match[2] as 'us' | 'ms' | 's'];
  return Number(match[1]) * scale;
}

function pathsOf(article: string, week: string): string[] {
  const paths: string[] = [];
  for (const lang of EDITIONS) {
    paths.push(
      `/${lang}/`,
      `/${lang}/articles/${article}`,
      `/${lang}/weeks/`,
      `/${lang}/weeks/${week}`,
      `/${lang}/topics/energy`,
      `/${lang}/feed.xml`,
      `/${lang}/feed.atom`,
      `/${lang}/feed.json`,
      `/${lang}/search?q=${encodeURIComponent(SEARCH[lang])}`,
      `/api/v1/${lang}/articles`,
      `/api/v1/${lang}/articles/${article}`,
      `/api/v1/${lang}/weeks/${week}`,
      `/api/v1/${lang}/search?q=${encodeURIComponent(SEARCH[lang])}`,
    );
  }
  return paths;
}

function runLoad(origin: string, paths: string[], seconds: number): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'silk-faults-'));
  const script = join(dir, 'mix.lua');
  const list = join(dir, 'paths.txt');
  writeFileSync(script, MIX_SCRIPT);
  writeFileSync(list, paths.join('\n') + '\n');
  const args = ['-t2', '-c64', `-d${seconds}s`, '--latency', '--timeout', '30s', '-s', script, `${origin}/`];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { env: { ...process.env, SILK_PATHS: list }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`wrk exited with ${code}:\n${output}`));
      const status = /STATUS 2xx=(\d+) 3xx=(\d+) 4xx=(\d+) 5xx=(\d+)/.exec(output);
      const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
      if (!status) return reject(new Error(`wrk printed no status counts:\n${output}`));
      resolve({
        requests: Number(/(\d+) requests in/.exec(output)?.[1] ?? Number.NaN),
        rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? Number.NaN),
        p50Ms: readPercentile(output, 50),
        p99Ms: readPercentile(output, 99),
        byClass: {
          '2xx': Number(status[1]),
          '3xx': Number(status[2]),
          '4xx': Number(status[3]),
          '5xx': Number(status[4]),
        },
        socketErrors: socket ? socket.slice(1).reduce((sum, value) => sum + Number(value), 0) : 0,
      });
    });
  });
}

async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.json<T>();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface FireResult {
  at: number;
  status: number;
}

async function fireCron(origin: string, startedAt: number): Promise<FireResult> {
  // miniflare's own trigger route (wrangler's `/__scheduled` is added by its bundler, and this
  // server runs the prebuilt bundle with --no-bundle).
  const response = await fetch(`${origin}/cdn-cgi/local/scheduled?cron=${encodeURIComponent('0 6 * * 1')}`);
  await response.arrayBuffer();
  return { at: (performance.now() - startedAt) / 1000, status: response.status };
}

interface Attempt {
  writer: number;
  base: number;
  status: number;
  value: string;
}

interface DocumentView {
  revision: number;
  photoCredit: string | null;
}

/** One editor: read, change the photo credit, save with the revision read; again until time is up. */
async function edit(origin: string, id: number, writer: number, until: number, attempts: Attempt[]): Promise<void> {
  const url = `${origin}/api/v1/admin/documents/${id}`;
  const headers = { authorization: `Bearer ${TOKEN}`, 'x-editor': `bench-writer-${writer}` };
  let n = 0;
  while (performance.now() < until) {
    const read = await fetch(url, { headers });
    const current = await read.json<DocumentView>();
    if (read.status !== 200) throw new Error(`writer ${writer}: GET answered ${read.status}`);
    n += 1;
    const value = `bench writer ${writer}, save ${n}`;
    const response = await fetch(url, {
      method: 'PATCH',
      headers: {
        ...headers,
        'content-type': 'application/json',
        'x-d1-bookmark': read.headers.get('x-d1-bookmark') ?? '',
      },
      body: JSON.stringify({ revision: current.revision, photoCredit: value }),
    });
    await response.arrayBuffer();
    attempts.push({ writer, base: current.revision, status: response.status, value });
  }
}

interface RevisionEntry {
  lang: string;
  number: number;
  action: string;
  author: string;
}

export interface FaultOptions {
  seconds: number;
}

/** Runs the fault scenario; returns false when a finding does not hold. */
export async function runFaultBench({ seconds }: FaultOptions): Promise<boolean> {
  const state = await ensureBenchState(1_000);
  const dir = mkdtempSync(join(tmpdir(), 'silk-faults-state-'));
  cpSync(state.dir, dir, { recursive: true });
  // The public API has no ids: read the article's from the copy, before the server opens it.
  const sqlite = new DatabaseSync(findSqlite(dir));
  const row = sqlite.prepare('SELECT id FROM documents WHERE slug = ?').get(state.article);
  if (!row) throw new Error(`the article ${state.article} is not in the bench database`);
  const id = Number(row.id);
  // Twelve weeks lose their summaries, so the first cron run has a real backfill to do under
  // load (weeks older than the ones the load requests, which stay readable throughout).
  const dropped = sqlite
    .prepare(`SELECT DISTINCT week FROM weekly_summaries WHERE week < '2025-W30' ORDER BY week DESC LIMIT 12`)
    .all()
    .map((entry) => String(entry.week));
  sqlite
    .prepare(`DELETE FROM weekly_summaries WHERE week IN (SELECT value FROM json_each(?))`)
    .run(JSON.stringify(dropped));
  sqlite.close();
  const build = await buildWorker();
  let server: Server | undefined;
  try {
    server = await startServer(build.bundle, dir, { args: ['--test-scheduled'], env: { ADMIN_TOKEN: TOKEN } });
    const origin = server.origin;
    const paths = pathsOf(state.article, '2025-W51');
    console.log(
      `\nFaults: ${seconds} s of wrk at 64 connections over ${paths.length} URLs (pages, feeds, search, API; ` +
        `half of them cache misses), the cron fired twice, ${WRITERS} editors saving one document …`,
    );

    const before = await getJson<{ revisions: RevisionEntry[] }>(
      `${origin}/api/v1/admin/documents/${id}/revisions`,
      ADMIN,
    );
    // A document's first edit also records the state it started from ('baseline'): not a save.
    const byWriters = (entries: RevisionEntry[]) =>
      entries.filter(
        (entry) => entry.lang === 'meta' && entry.action !== 'baseline' && entry.author.startsWith('bench-writer-'),
      );
    const metaBefore = byWriters(before.revisions).length;

    const startedAt = performance.now();
    const until = startedAt + seconds * 1000;
    const attempts: Attempt[] = [];
    const load = runLoad(origin, paths, seconds);
    const editors = Array.from({ length: WRITERS }, (_, writer) => edit(origin, id, writer + 1, until, attempts));
    const crons = (async () => {
      const fired: FireResult[] = [];
      await sleep(seconds * 250);
      fired.push(await fireCron(origin, startedAt));
      await sleep(seconds * 400);
      fired.push(await fireCron(origin, startedAt));
      return fired;
    })();
    const [result, fired] = await Promise.all([load, crons, ...editors]);

    const health = await getJson<{
      cron: { lastRuns: { status: string; startedAt: string; weeksRebuilt: string[] }[] };
    }>(`${origin}/healthz`);
    const after = await getJson<{ revisions: RevisionEntry[] }>(
      `${origin}/api/v1/admin/documents/${id}/revisions`,
      ADMIN,
    );
    const metaAfter = byWriters(after.revisions);
    const final = await getJson<DocumentView>(`${origin}/api/v1/admin/documents/${id}`, ADMIN);

    const wins = attempts.filter((attempt) => attempt.status === 200);
    const conflicts = attempts.filter((attempt) => attempt.status === 409);
    const other = attempts.filter((attempt) => attempt.status !== 200 && attempt.status !== 409);
    const winnersPerBase = new Map<number, number>();
    for (const win of wins) winnersPerBase.set(win.base, (winnersPerBase.get(win.base) ?? 0) + 1);
    const doubleWins = [...winnersPerBase.values()].filter((count) => count > 1).length;
    const lastWin = wins.reduce<Attempt | undefined>(
      (last, win) => (!last || win.base > last.base ? win : last),
      undefined,
    );

    printTable(
      'Load while the data changes',
      ['requests', 'req/s', 'p50', 'p99', '2xx', '3xx', '4xx', '5xx', 'socket errors'],
      [
        [
          result.requests.toLocaleString('en'),
          result.rps.toFixed(0),
          formatMs(result.p50Ms),
          formatMs(result.p99Ms),
          String(result.byClass['2xx']),
          String(result.byClass['3xx']),
          String(result.byClass['4xx']),
          String(result.byClass['5xx']),
          String(result.socketErrors),
        ],
      ],
    );
    console.log(`Cron fired at ${fired.map((fire) => `${fire.at.toFixed(1)} s (HTTP ${fire.status})`).join(', ')}.`);
    console.log(
      `Runs on record: ${health.cron.lastRuns
        .slice(0, 2)
        .map((run) => `${run.startedAt} ${run.status} [${run.weeksRebuilt.join(' ')}]`)
        .join('; ')}`,
    );
    console.log(
      `Editors: ${attempts.length} saves, ${wins.length} won (200), ${conflicts.length} lost a race (409), ` +
        `${other.length} other; the editors' revisions ${metaBefore} → ${metaAfter.length}.`,
    );

    const findings: [string, boolean][] = [
      ['no 5xx under load', result.byClass['5xx'] === 0 && result.socketErrors === 0],
      [
        'both cron runs accepted and recorded as ok',
        fired.every((fire) => fire.status === 200) &&
          health.cron.lastRuns.slice(0, 2).every((run) => run.status === 'ok'),
      ],
      [
        `the ${dropped.length} weeks without a summary rebuilt by the cron`,
        dropped.every((week) => health.cron.lastRuns.some((run) => run.weeksRebuilt.includes(week))),
      ],
      ['editors only ever got 200 or 409', other.length === 0],
      ['every winning save is a revision (none lost, none doubled)', metaAfter.length === metaBefore + wins.length],
      ['at most one winner per revision saved from', doubleWins === 0],
      ['the last winner is what the document holds', lastWin === undefined || final.photoCredit === lastWin.value],
      ['there were real conflicts', conflicts.length > 0],
    ];
    for (const [finding, holds] of findings) console.log(`  ${holds ? 'ok  ' : 'FAIL'} ${finding}`);
    if (metaAfter.length !== metaBefore + wins.length) {
      console.log(`  revisions: ${metaAfter.map((entry) => `${entry.number} ${entry.author}`).join(', ')}`);
      console.log(`  saves: ${attempts.map((a) => `w${a.writer} from ${a.base}: ${a.status}`).join(', ')}`);
    }
    return findings.every(([, holds]) => holds);
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(build.dir, { recursive: true, force: true });
  }
}
