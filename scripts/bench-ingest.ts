/**
 * `npm run bench -- --only ingest`: ingestion against a local news web (ingest-fixture.ts) of
 * `sources` feeds × `items` articles, through the built Worker under `wrangler dev` (the same
 * bundle that would be deployed), each source registered and polled through the admin API.
 *
 * CPU is measured twice around each poll (each poll is one invocation):
 * - the isolate's own, the figure Cloudflare's CPU limit applies to: a V8 CPU profile taken
 *   through the inspector (scripts/inspector.ts, Profiler.start/stop around the poll, one sample
 *   every SAMPLE_MICROS), the samples taken while the isolate ran times the interval; a lower
 *   bound when the machine is loaded (inspector.ts says why);
 * - the whole workerd process's (user + system time from /proc, 10 ms ticks): it includes local
 *   D1 (SQLite runs in the same process) and the dev server, an upper bound.
 * Per poll:
 * - poll 1 of a source: its feed and up to 40 article pages fetched, extracted and stored;
 * - poll 3: the feed fetched and parsed again (the fixture sends no validators), every item
 *   already known: the cost of a parsed feed;
 * - per article extracted: (poll 1 − poll 3) / articles stored in poll 1.
 * Subrequests per invocation are counted by the fixture server.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWorker, formatMs, printTable, startServer } from './bench-http.ts';
import { startIngestFixture } from './ingest-fixture.ts';
import { connectInspector, estimateIsolateCpuMs, type Profile } from './inspector.ts';
import { run, wranglerEnv } from './load-synthetic.ts';
import { ROOT, WRANGLER } from './wrangler-dev.ts';

const TOKEN = 'bench-ingest-token';
const TICK_MS = 10;
/** The profiler's sampling interval: fine enough for a 10 ms poll, coarse enough to cost little. */
const SAMPLE_MICROS = 250;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The nearest-rank percentile `p` (0–100). */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/** "median (p90 …, max …)" of a list of ms. */
function describeMs(values: readonly number[]): string {
  return `${formatMs(median(values))} (p90 ${formatMs(percentile(values, 90))}, max ${formatMs(Math.max(...values))})`;
}

/** CPU ms of every workerd process in a process group. */
function readGroupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const name = /\(([^)]*)\)/.exec(stat)?.[1] ?? '';
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the name: state ppid pgrp … utime (14th field overall) stime (15th).
    if (!name.startsWith('workerd') || Number(fields[2]) !== pgid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * TICK_MS;
}

async function admin(origin: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${origin}/api/v1/admin${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

interface Poll {
  /** The isolate's CPU (V8 profile). */
  isolateMs: number;
  /** The workerd process group's CPU (/proc). */
  cpuMs: number;
  wallMs: number;
  requests: number;
  accepted: number;
}

export async function runIngestBench(options: { sources: number; items: number }): Promise<void> {
  const fixture = await startIngestFixture(options);
  const build = await buildWorker();
  const dir = mkdtempSync(join(tmpdir(), 'silk-ingest-'));
  await run(
    process.execPath,
    [
      WRANGLER,
      'd1',
      'migrations',
      'apply',
      'DB',
      '--local',
      '--persist-to',
      dir,
      '--config',
      join(ROOT, 'wrangler.toml'),
    ],
    wranglerEnv(),
  );
  const server = await startServer(build.bundle, dir, {
    args: ['--var', 'INGEST_ALLOW_PRIVATE_HOSTS:true'],
    env: { ADMIN_TOKEN: TOKEN },
  });
  const pgid = server.pid;
  try {
    const profiler = await connectInspector(server.inspectorPort);
    await profiler('Profiler.enable');
    await profiler('Profiler.setSamplingInterval', { interval: SAMPLE_MICROS });
    const ids: number[] = [];
    for (let source = 0; source < options.sources; source++) {
      const response = await admin(server.origin, 'POST', '/sources', {
        name: `Fixture ${source}`,
        feedUrl: fixture.feedUrl(source),
        language: 'en',
        rights: 'full',
      });
      if (response.status !== 201) throw new Error(`registering a source: ${response.status} ${await response.text()}`);
      ids.push((await response.json<{ id: number }>()).id);
    }

    const pollAll = async (): Promise<Poll[]> => {
      const polls: Poll[] = [];
      for (const id of ids) {
        await profiler('Profiler.start');
        const [cpu, requests, start] = [readGroupCpuMs(pgid), fixture.requests(), performance.now()];
        const response = await admin(server.origin, 'POST', `/sources/${id}/poll`);
        const report = await response.json<{ status: string; accepted: unknown[]; error?: string }>();
        const { profile } = (await profiler('Profiler.stop')) as { profile: Profile };
        if (report.status !== 'ok') throw new Error(`poll of source ${id}: ${JSON.stringify(report)}`);
        polls.push({
          isolateMs: estimateIsolateCpuMs(profile, SAMPLE_MICROS),
          cpuMs: readGroupCpuMs(pgid) - cpu,
          wallMs: performance.now() - start,
          requests: fixture.requests() - requests,
          accepted: report.accepted.length,
        });
      }
      return polls;
    };

    const started = performance.now();
    const first = await pollAll();
    const second = await pollAll();
    const third = await pollAll();
    const wallMs = performance.now() - started;
    const stored = [...first, ...second, ...third].reduce((sum, poll) => sum + poll.accepted, 0);
    const perArticleOf = (cpu: (poll: Poll) => number): number[] =>
      first.map((poll, i) => (cpu(poll) - cpu(third[i] ?? poll)) / Math.max(1, poll.accepted));
    const isolateFeed = third.map((poll) => poll.isolateMs);
    const isolateArticle = perArticleOf((poll) => poll.isolateMs);
    const perFeed = median(third.map((poll) => poll.cpuMs));
    const perArticle = median(perArticleOf((poll) => poll.cpuMs));
    const maxRequests = Math.max(...[...first, ...second, ...third].map((poll) => poll.requests));
    printTable(
      `Ingestion: ${options.sources} sources × ${options.items} items from a local fixture web (wrangler dev, built bundle)`,
      ['measure', 'value'],
      [
        ['articles stored (3 polls each)', `${stored} of ${options.sources * options.items}`],
        ['isolate CPU per feed parsed (poll 3: all items known)', describeMs(isolateFeed)],
        ['isolate CPU per article extracted and stored', describeMs(isolateArticle)],
        ['isolate CPU per poll 1 (feed + its articles)', describeMs(first.map((poll) => poll.isolateMs))],
        ['workerd process CPU per feed parsed (median)', formatMs(perFeed)],
        ['workerd process CPU per article (median)', formatMs(perArticle)],
        ['poll 1 wall time (median)', formatMs(median(first.map((poll) => poll.wallMs)))],
        ['wall time, all polls', formatMs(wallMs)],
        ['subrequests per invocation (max)', String(maxRequests)],
        ['bundle (wrangler deploy --dry-run), raw', `${(build.rawBytes / 1024).toFixed(0)} KiB`],
        ['bundle, gzip', `${(build.gzipBytes / 1024).toFixed(0)} KiB`],
      ],
    );
    const verdict = median(isolateFeed) < 10 && median(isolateArticle) < 10 ? 'within' : 'OVER';
    console.log(`Isolate CPU per feed / article: ${verdict} the 10 ms median target (V8 samples × interval).`);
    if (build.rawBytes >= 1024 * 1024) console.log('Bundle: OVER 1 MiB.');
  } finally {
    await server.stop();
    await fixture.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(build.dir, { recursive: true, force: true });
  }
}
