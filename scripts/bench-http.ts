/**
 * The HTTP half of `npm run bench`: the Worker served by `wrangler dev` on a loaded local D1
 * (scripts/load-synthetic.ts), driven by wrk.
 *
 * - Bundle: `wrangler deploy --dry-run --outdir` → the built Worker's size, raw and gzip. The
 *   same bundle is what gets served (`wrangler dev <bundle> --no-bundle`), so a run measures one
 *   fixed build even while src/ is being edited (wrangler dev would otherwise rebuild mid-run).
 * - Start-up: `wrangler check startup` (a local CPU profile of the Worker's start-up); if that
 *   fails, the time of the first request once the port accepts connections, labelled as such.
 * - Every edition's pages and feeds, twice, because pages are kept in the Cache API under their
 *   URL, checked against the content version (src/routes/conditional.ts):
 *     miss: every request a cache miss (wrk adds a unique `_miss=` query parameter, which the
 *           routes ignore), so the page is rendered from D1 each time, as after any edit;
 *     hit:  the plain URL, served from the cache after its first request.
 *   wrk -t1 -c1 (one request at a time: the page's own latency) and wrk -t2 -c32 (throughput,
 *   p50, p99, non-2xx), with the ratio to /healthz measured in the same run (at the start and
 *   at the end, mean). Each route is also fetched once each way: status, size, X-Cache, and the
 *   D1 cost of a page view from its `Server-Timing: d1;desc="…"` header, when sent.
 * - Scale: the English pages at several corpus sizes, to see that a fixed page does not get
 *   slower as the corpus grows.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureBenchState, run, wranglerEnv, type BenchState } from './load-synthetic.ts';
import { ROOT, spawnWranglerDev, WRANGLER } from './wrangler-dev.ts';

export const EDITION_CODES = ['en', 'uz', 'uz-Cyrl', 'ja'] as const;
type EditionCode = (typeof EDITION_CODES)[number];

/** A word every edition's corpus contains (the real reports and the synthetic places). */
const SEARCH_WORDS: Record<EditionCode, string> = {
  en: 'Samarkand',
  uz: 'Samarqand',
  'uz-Cyrl': 'Самарқанд',
  ja: 'サマルカンド',
};

const P99_LIMIT_MS = 100;

// ---------------------------------------------------------------------------------------------
// Formatting

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GiB`;
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

function formatRps(rps: number): string {
  return Number.isFinite(rps) ? rps.toFixed(rps >= 100 ? 0 : 1) : '—';
}

/** A table whose first `left` columns are left-aligned and the rest right-aligned. */
export function printTable(title: string, header: string[], rows: string[][], left = 1): void {
  console.log(`\n${title}`);
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i < left ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

// ---------------------------------------------------------------------------------------------
// wrk

export interface WrkResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** wrk's "Non-2xx or 3xx responses" (it counts status ≥ 400). */
  non2xx: number;
  socketErrors: number;
  timeouts: number;
}

export function wrkAvailable(): boolean {
  const result = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  return !result.error;
}

function toMs(value: string, unit: string): number {
  const number = Number(value);
  switch (unit) {
    case 'us':
      return number / 1000;
    case 'ms':
      return number;
    case 's':
      return number * 1000;
    case 'm':
      return number * 60_000;
    default:
      return Number.NaN;
  }
}

export function parseWrk(output: string): WrkResult {
  const percentile = (p: number): number => {
    const match = new RegExp(`^\\s*${p}(?:\\.0+)?%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(output);
    return match ? toMs(match[1]!, match[2]!) : Number.NaN;
  };
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const requests = /(\d+) requests in/.exec(output);
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  return {
    rps: rps ? Number(rps[1]) : Number.NaN,
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    requests: requests ? Number(requests[1]) : 0,
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0),
    socketErrors: socket ? Number(socket[1]) + Number(socket[2]) + Number(socket[3]) : 0,
    timeouts: socket ? Number(socket[4]) : 0,
  };
}

/**
 * A wrk script that makes every request's URL unique (`_miss=<run>.<thread>.<n>`): each one
 * misses the page cache. wrk gives each thread its own Lua state; setup() numbers them.
 */
const MISS_SCRIPT = `
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local run = "0"
function init(args)
  run = args[1] or "0"
end
local counter = 0
local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
function request()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. sep .. "_miss=" .. run .. "." .. tostring(tid) .. "." .. counter)
end
`;

let missScript: string | undefined;
let wrkRuns = 0;

/**
 * Under load (`-t2 -c32`) or one request at a time (`-t1 -c1`: the page's own latency); with
 * `miss`, every request a distinct URL.
 */
function runWrk(url: string, seconds: number, load: 'c32' | 'c1', miss: boolean): Promise<WrkResult> {
  return new Promise((resolve, reject) => {
    const shape = load === 'c32' ? ['-t2', '-c32'] : ['-t1', '-c1'];
    const args = [...shape, `-d${seconds}s`, '--latency', '--timeout', '30s'];
    if (miss) {
      if (!missScript) {
        missScript = join(mkdtempSync(join(tmpdir(), 'silk-wrk-')), 'miss.lua');
        writeFileSync(missScript, MISS_SCRIPT);
      }
      wrkRuns += 1;
      args.push('-s', missScript, url, '--', `${process.pid}-${wrkRuns}`);
    } else {
      args.push(url);
    }
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(parseWrk(output));
      else reject(new Error(`wrk ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// One plain request: status, size, and the page's D1 cost from Server-Timing

export interface D1Cost {
  roundTrips: number | null;
  rowsRead: number | null;
}

export interface Probe {
  status: number;
  bytes: number;
  ms: number;
  /** The X-Cache header (HIT / MISS), if any. */
  cache: string | null;
  d1: D1Cost | null;
}

/**
 * The `d1` metric of Server-Timing: `d1;desc="round-trips=N rows-read=N rows-written=N"`
 * (also `queries=Q rows=R`); other metrics and parameters are ignored.
 */
export function parseServerTiming(header: string | null): D1Cost | null {
  if (!header) return null;
  for (const metric of header.split(',')) {
    const [name, ...params] = metric.split(';').map((part) => part.trim());
    if (name !== 'd1') continue;
    const desc =
      params
        .find((param) => param.startsWith('desc='))
        ?.slice(5)
        .replace(/^"|"$/g, '') ?? '';
    const trips = /\b(?:round[-_]?trips|queries)=(\d+)/i.exec(desc);
    const rows = /\brows(?:[-_]?read)?=(\d+)/i.exec(desc);
    if (!trips && !rows) continue;
    return { roundTrips: trips ? Number(trips[1]) : null, rowsRead: rows ? Number(rows[1]) : null };
  }
  return null;
}

async function probe(url: string): Promise<Probe> {
  const start = performance.now();
  const response = await fetch(url, { redirect: 'manual' });
  const body = await response.arrayBuffer();
  return {
    status: response.status,
    bytes: body.byteLength,
    ms: performance.now() - start,
    cache: response.headers.get('X-Cache'),
    d1: parseServerTiming(response.headers.get('Server-Timing')),
  };
}

// ---------------------------------------------------------------------------------------------
// The Worker under test

export interface Server {
  origin: string;
  /** Spawn → /healthz answers. */
  readyMs: number;
  /** The first request once the port accepts connections (isolate start, D1 open, first JIT). */
  firstRequestMs: number;
  /** The DevTools port of the Worker's isolate (the CPU profiles of bench-ingest and bench-desk). */
  inspectorPort: number;
  /** wrangler's process id, which is also its process group's (whole-process CPU). */
  pid: number;
  stop: () => Promise<void>;
}

// If the bench is interrupted by a signal, exit so that no wrangler/workerd is left behind
// (scripts/wrangler-dev.ts kills them on exit).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(130));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What wrangler dev left under a persistence directory besides D1: the page cache and the trace store. */
function clearLocalStores(dir: string): void {
  rmSync(join(dir, 'v3', 'cache'), { recursive: true, force: true });
  // wrangler dev writes every request's trace spans to a local SQLite store ([observability] in
  // wrangler.toml); it reached 0.5 GB over two runs and the runs slowed as it grew. Production
  // has no such store, so each server starts without it.
  rmSync(join(dir, 'v3', 'observability'), { recursive: true, force: true });
}

export interface ServerOptions {
  /** More `wrangler dev` flags (the fault run adds `--test-scheduled`). */
  args?: string[];
  /** More environment (the fault run supplies ADMIN_TOKEN, as a secret from process.env). */
  env?: Record<string, string>;
}

export async function startServer(bundle: string, dir: string, options: ServerOptions = {}): Promise<Server> {
  // Every run starts with an empty page cache, and leaves none behind (misses fill it fast).
  clearLocalStores(dir);
  const started = performance.now();
  const server = await spawnWranglerDev(
    [
      bundle,
      '--no-bundle',
      '--config',
      join(ROOT, 'wrangler.toml'),
      '--persist-to',
      dir,
      '--log-level',
      'warn',
      ...(options.args ?? []),
    ],
    wranglerEnv(options.env),
  );
  const { child, port, origin } = server;
  const log = () => server.output();
  const stop = async () => {
    await server.stop();
    clearLocalStores(dir);
  };

  let firstRequestMs = Number.NaN;
  try {
    // The port opens once workerd is serving; then time one request from cold.
    for (;;) {
      if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${log()}`);
      if (performance.now() - started > 120_000) throw new Error(`wrangler dev did not start in 120 s:\n${log()}`);
      if (await portOpen(port)) break;
      await sleep(50);
    }
    for (;;) {
      const start = performance.now();
      const response = await fetch(`${origin}/healthz`).catch(() => null);
      if (response) {
        await response.arrayBuffer();
        if (response.status === 200) {
          if (Number.isNaN(firstRequestMs)) firstRequestMs = performance.now() - start;
          break;
        }
      }
      if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${log()}`);
      if (performance.now() - started > 120_000) throw new Error(`/healthz did not answer 200 in 120 s:\n${log()}`);
      await sleep(100);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    origin,
    readyMs: performance.now() - started,
    firstRequestMs,
    inspectorPort: server.inspectorPort,
    pid: child.pid ?? 0,
    stop,
  };
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

// ---------------------------------------------------------------------------------------------
// Bundle and start-up

export interface Build {
  dir: string;
  bundle: string;
  rawBytes: number;
  gzipBytes: number;
  wranglerReport: string | null;
}

/** `wrangler deploy --dry-run`: the Worker exactly as it would be uploaded. */
export async function buildWorker(): Promise<Build> {
  const dir = mkdtempSync(join(tmpdir(), 'silk-bench-'));
  const output = await run(
    process.execPath,
    [WRANGLER, 'deploy', '--dry-run', '--outdir', join(dir, 'out'), '--config', join(ROOT, 'wrangler.toml')],
    wranglerEnv(),
  );
  const bundle = join(dir, 'out', 'index.js');
  const code = readFileSync(bundle);
  return {
    dir,
    bundle,
    rawBytes: code.byteLength,
    gzipBytes: gzipSync(code).byteLength,
    wranglerReport: /Total Upload: ([^\n]+)/.exec(output)?.[1]?.trim() ?? null,
  };
}

export interface Startup {
  label: string;
  ms: number;
  detail: string;
}

/** `wrangler check startup`: a CPU profile of the Worker's start-up, run locally. */
async function checkStartup(dir: string): Promise<Startup | null> {
  try {
    const output = await run(
      process.execPath,
      [
        WRANGLER,
        'check',
        'startup',
        '--outfile',
        join(dir, 'startup.cpuprofile'),
        '--config',
        join(ROOT, 'wrangler.toml'),
      ],
      wranglerEnv(),
    );
    const active = /Active: ([\d.]+) ms/.exec(output);
    const window = /Profile window: ([\d.]+) ms/.exec(output);
    if (!active) return null;
    return {
      label: 'isolate start-up CPU (wrangler check startup, active samples)',
      ms: Number(active[1]),
      detail: window ? `of a ${window[1]} ms profile window` : '',
    };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Measurements

interface Route {
  name: string;
  path: string;
  /** Shown in the tables (the article's slug abbreviated, the query decoded). */
  label: string;
  /** Goes through the page cache (every page and feed; not /healthz or the root redirect). */
  cached: boolean;
}

function editionRoutes(lang: EditionCode, state: BenchState): Route[] {
  const word = SEARCH_WORDS[lang];
  const page = (name: string, path: string, label = path): Route => ({ name, path, label, cached: true });
  return [
    page('home', `/${lang}/`),
    page('article', `/${lang}/articles/${state.article}`, `/${lang}/articles/‹A›`),
    page('week', `/${lang}/weeks/${state.week}`),
    page('feed.xml', `/${lang}/feed.xml`),
    page('feed.atom', `/${lang}/feed.atom`),
    page('feed.json', `/${lang}/feed.json`),
    page('search', `/${lang}/search?q=${encodeURIComponent(word)}`, `/${lang}/search?q=${word}`),
    page('topic', `/${lang}/topics/energy`),
  ];
}

const HEALTHZ: Route = { name: 'healthz', path: '/healthz', label: '/healthz', cached: false };
// The cheapest route (302 by Accept-Language, no D1): what the dev server itself costs.
const REDIRECT: Route = { name: 'redirect', path: '/', label: '/ (302)', cached: false };

const SCALE_ROUTES = new Set(['home', 'article', 'week', 'topic', 'search']);

interface Way {
  probe: Probe;
  /** wrk -t1 -c1 */
  serial: WrkResult | null;
  /** wrk -t2 -c32 */
  wrk: WrkResult;
}

interface Measurement {
  route: Route;
  /** Every request rendered from D1 (or the route is not cached at all). */
  miss: Way;
  /** Served from the page cache; null for routes that are not cached. */
  hit: Way | null;
}

interface Session {
  state: BenchState;
  server: Server;
  healthz: Measurement[];
  routes: Measurement[];
}

interface Durations {
  seconds: number;
  serialSeconds: number;
}

async function measure(server: Server, route: Route, { seconds, serialSeconds }: Durations): Promise<Measurement> {
  const url = server.origin + route.path;
  // The first request of the plain URL renders it (and stores it in the page cache).
  const first = await probe(url);
  const miss: Way = {
    probe: first,
    serial: await runWrk(url, serialSeconds, 'c1', route.cached),
    wrk: await runWrk(url, seconds, 'c32', route.cached),
  };
  if (!route.cached) return { route, miss, hit: null };
  return { route, miss, hit: { probe: await probe(url), serial: null, wrk: await runWrk(url, seconds, 'c32', false) } };
}

function mean(values: number[]): number {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0 ? Number.NaN : finite.reduce((sum, value) => sum + value, 0) / finite.length;
}

function meanOf(results: WrkResult[]): WrkResult {
  const sum = (pick: (r: WrkResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  return {
    rps: mean(results.map((r) => r.rps)),
    p50Ms: mean(results.map((r) => r.p50Ms)),
    p99Ms: mean(results.map((r) => r.p99Ms)),
    requests: sum((r) => r.requests),
    non2xx: sum((r) => r.non2xx),
    socketErrors: sum((r) => r.socketErrors),
    timeouts: sum((r) => r.timeouts),
  };
}

/** /healthz measured at the start and at the end of the session, averaged. */
function healthzMean(session: Session): Measurement {
  const ways = session.healthz.map((m) => m.miss);
  const serial = ways.map((way) => way.serial).filter((r): r is WrkResult => r !== null);
  return {
    route: HEALTHZ,
    miss: { probe: ways[0]!.probe, serial: meanOf(serial), wrk: meanOf(ways.map((way) => way.wrk)) },
    hit: null,
  };
}

function baselineRps(session: Session): number {
  return healthzMean(session).miss.wrk.rps;
}

/**
 * Measures the routes on one loaded directory, between two /healthz runs. Each group of routes
 * (an edition) gets a freshly started Worker with an empty page cache: every cache miss stores
 * its unique URL, and tens of thousands of entries would slow the local Cache API for the
 * groups measured later (a hit of the last edition measured ~25% slower than the first's).
 * The first /healthz run is on the first group's server, the last on the last group's.
 */
async function runSession(
  build: Build,
  state: BenchState,
  groups: Route[][],
  durations: Durations,
  log: (line: string) => void,
): Promise<Session> {
  const healthz: Measurement[] = [];
  const measured: Measurement[] = [];
  let firstServer: Server | undefined;
  for (const [index, routes] of groups.entries()) {
    const server = await startServer(build.bundle, state.dir);
    firstServer ??= server;
    try {
      const cached = routes.filter((route) => route.cached).length;
      const { seconds, serialSeconds } = durations;
      const baselines = (index === 0 ? 1 : 0) + (index === groups.length - 1 ? 1 : 0);
      const estimate = (routes.length + baselines) * (seconds + serialSeconds) + cached * seconds;
      log(
        `  N=${state.n.toLocaleString('en')}: serving ${server.origin} (ready in ${formatMs(server.readyMs)}); ` +
          `${routes.length + baselines} routes, about ${Math.ceil(estimate / 60)} min`,
      );
      if (index === 0) healthz.push(await measure(server, HEALTHZ, durations));
      for (const route of routes) measured.push(await measure(server, route, durations));
      if (index === groups.length - 1) healthz.push(await measure(server, HEALTHZ, durations));
    } finally {
      await server.stop();
    }
  }
  if (!firstServer) throw new Error('no routes to measure');
  return { state, server: firstServer, healthz, routes: measured };
}

function d1Cells(probe: Probe | undefined): [string, string] {
  const cell = (value: number | null | undefined) =>
    value === null || value === undefined ? '—' : value.toLocaleString('en');
  return [cell(probe?.d1?.roundTrips), cell(probe?.d1?.rowsRead)];
}

function errorCell(...results: (WrkResult | null | undefined)[]): string {
  const present = results.filter((r): r is WrkResult => Boolean(r));
  const non2xx = present.reduce((sum, r) => sum + r.non2xx, 0);
  const extra = present.reduce((sum, r) => sum + r.socketErrors + r.timeouts, 0);
  return extra > 0 ? `${non2xx} (+${extra} socket)` : String(non2xx);
}

function ratio(rps: number, base: number): string {
  return Number.isFinite(rps) && base > 0 ? `×${(rps / base).toFixed(2)}` : '—';
}

function printEditionTables(session: Session, durations: Durations): void {
  const base = baselineRps(session);
  const n = session.state.n.toLocaleString('en');
  const { seconds, serialSeconds } = durations;
  const all = [
    ...session.healthz.map((m, i) => ({
      ...m,
      route: { ...m.route, label: `/healthz (${i === 0 ? 'start' : 'end'})` },
    })),
    ...session.routes,
  ];
  printTable(
    `HTTP, every edition, page cache MISS (rendered from D1 on every request): N = ${n} synthetic reports + 5 real; ` +
      `‹A› = ${session.state.article}\n` +
      `c1 = wrk -t1 -c1 -d${serialSeconds}s (one at a time), c32 = wrk -t2 -c32 -d${seconds}s; ` +
      `×healthz = req/s ÷ mean /healthz req/s (${formatRps(base)}); D1 cost from Server-Timing`,
    [
      'route',
      'status',
      'size',
      'c1 p50',
      'c1 p99',
      'c32 req/s',
      '×healthz',
      'c32 p50',
      'c32 p99',
      'non-2xx',
      'D1 round trips',
      'rows read',
    ],
    all.map((m) => [
      m.route.label,
      String(m.miss.probe.status),
      formatBytes(m.miss.probe.bytes),
      formatMs(m.miss.serial?.p50Ms ?? Number.NaN),
      formatMs(m.miss.serial?.p99Ms ?? Number.NaN),
      formatRps(m.miss.wrk.rps),
      m.route.name === 'healthz' ? '' : ratio(m.miss.wrk.rps, base),
      formatMs(m.miss.wrk.p50Ms),
      formatMs(m.miss.wrk.p99Ms),
      errorCell(m.miss.serial, m.miss.wrk),
      ...d1Cells(m.miss.probe),
    ]),
  );
  printTable(
    `HTTP, every edition, page cache HIT (the plain URL after its first request): N = ${n}; c32 = wrk -t2 -c32 -d${seconds}s`,
    ['route', 'X-Cache', 'c32 req/s', '×healthz', 'c32 p50', 'c32 p99', 'non-2xx', 'D1 round trips', 'rows read'],
    session.routes
      .filter((m) => m.hit)
      .map((m) => [
        m.route.label,
        m.hit!.probe.cache ?? '—',
        formatRps(m.hit!.wrk.rps),
        ratio(m.hit!.wrk.rps, base),
        formatMs(m.hit!.wrk.p50Ms),
        formatMs(m.hit!.wrk.p99Ms),
        errorCell(m.hit!.wrk),
        ...d1Cells(m.hit!.probe),
      ]),
  );
}

function printScaleTable(sessions: Session[], durations: Durations): string[] {
  const flags: string[] = [];
  const rows: string[][] = [];
  const smallest = sessions[0];
  const largest = sessions.at(-1);
  const find = (session: Session | undefined, name: string): Measurement | undefined =>
    !session
      ? undefined
      : name === 'healthz'
        ? healthzMean(session)
        : session.routes.find((entry) => entry.route.name === name && entry.route.path.startsWith('/en/'));
  const names = smallest?.routes.map((m) => m.route.name).filter((name) => SCALE_ROUTES.has(name)) ?? [];
  for (const name of ['healthz', ...names]) {
    const first = find(smallest, name);
    for (const session of sessions) {
      const m = find(session, name);
      if (!m) continue;
      const [p50, p99] = [m.miss.serial?.p50Ms ?? Number.NaN, m.miss.serial?.p99Ms ?? Number.NaN];
      const firstP50 = first?.miss.serial?.p50Ms ?? Number.NaN;
      const notes: string[] = [];
      if (session === largest) {
        if (p99 > P99_LIMIT_MS) notes.push(`miss c1 p99 > ${P99_LIMIT_MS} ms`);
        if (m.miss.wrk.p99Ms > P99_LIMIT_MS) notes.push(`miss c32 p99 > ${P99_LIMIT_MS} ms`);
        if (m.hit && m.hit.wrk.p99Ms > P99_LIMIT_MS) notes.push(`hit c32 p99 > ${P99_LIMIT_MS} ms`);
      }
      if (session === largest && session !== smallest && first) {
        if (p50 > firstP50 * 1.5) notes.push('slower as N grows');
        const [before, now] = [first.miss.probe.d1?.rowsRead, m.miss.probe.d1?.rowsRead];
        if (before != null && now != null && now > Math.max(before * 2, before + 100)) {
          notes.push('rows read grow with N');
        }
      }
      if (notes.length > 0) {
        flags.push(`${m.route.label} at N=${session.state.n.toLocaleString('en')}: ${notes.join(', ')}`);
      }
      const base = baselineRps(session);
      rows.push([
        name === 'healthz' ? '/healthz (mean)' : m.route.label,
        session.state.n.toLocaleString('en'),
        formatMs(p50),
        formatMs(p99),
        session === smallest ? '' : `×${(p50 / firstP50).toFixed(2)}`,
        formatRps(m.miss.wrk.rps),
        name === 'healthz' ? '' : ratio(m.miss.wrk.rps, base),
        formatMs(m.miss.wrk.p50Ms),
        formatMs(m.miss.wrk.p99Ms),
        ...d1Cells(m.miss.probe),
        m.hit ? formatRps(m.hit.wrk.rps) : '',
        m.hit ? formatMs(m.hit.wrk.p99Ms) : '',
        errorCell(m.miss.serial, m.miss.wrk, m.hit?.wrk),
        notes.length > 0 ? `⚠ ${notes.join('; ')}` : '',
      ]);
    }
  }
  printTable(
    `Scale: English pages as the corpus grows; ‹A› = ${smallest?.state.article}\n` +
      `miss = rendered from D1 (c1 = wrk -t1 -c1 -d${durations.serialSeconds}s, c32 = wrk -t2 -c32 -d${durations.seconds}s), ` +
      `hit = page cache; "vs first N" = miss c1 p50 ÷ the same at N=${smallest?.state.n.toLocaleString('en')}`,
    [
      'route',
      'N',
      'miss c1 p50',
      'miss c1 p99',
      'vs first N',
      'miss req/s',
      '×healthz',
      'miss c32 p50',
      'miss c32 p99',
      'D1 round trips',
      'rows read',
      'hit req/s',
      'hit c32 p99',
      'non-2xx',
      '',
    ],
    rows,
  );
  return flags;
}

// ---------------------------------------------------------------------------------------------
// Entry point (called by scripts/bench.ts)

export interface HttpBenchOptions {
  /** Run the every-edition tables (at the largest N). */
  editions: boolean;
  /** Corpus sizes for the scale table (empty: no scale table). */
  sizes: number[];
  /** The N of the every-edition tables when `sizes` is empty. */
  editionN: number;
  /** Seconds of each wrk -c32 run. */
  seconds: number;
  /** Seconds of each one-request-at-a-time run. */
  serialSeconds: number;
  summaryWeeks?: number;
}

export async function runHttpBench(options: HttpBenchOptions): Promise<void> {
  const log = (line: string) => console.log(line);
  const sizes = [...options.sizes].sort((a, b) => a - b);
  const editionN = sizes.at(-1) ?? options.editionN;
  const allSizes = [...new Set([...sizes, ...(options.editions ? [editionN] : [])])].sort((a, b) => a - b);
  const durations: Durations = { seconds: options.seconds, serialSeconds: options.serialSeconds };

  console.log('\nHTTP benchmark: loading the bench databases (cached under .wrangler/bench-state-<N>) …');
  const states = new Map<number, BenchState>();
  for (const n of allSizes) {
    const state = await ensureBenchState(n, { summaryWeeks: options.summaryWeeks, log });
    states.set(n, state);
    const t = state.timings;
    const total = t.migrateMs + t.seedMs + t.generateMs + t.insertMs + t.summariesMs;
    log(
      `  N=${n.toLocaleString('en')}: ${state.cached ? 'cached' : 'built'}; ` +
        `${state.documents.toLocaleString('en')} documents, ${state.translations.toLocaleString('en')} texts, ` +
        `${state.summaryWeeks} of ${state.weeks} weeks summarised, DB ${formatBytes(state.dbBytes)}; ` +
        `load took ${formatMs(total)} (insert ${formatMs(t.insertMs)}, summaries ${formatMs(t.summariesMs)})`,
    );
  }

  log('Building the Worker (wrangler deploy --dry-run) and profiling its start-up …');
  const build = await buildWorker();
  try {
    const startup = await checkStartup(build.dir);
    const sessions: Session[] = [];
    let editionSession: Session | undefined;
    for (const n of allSizes) {
      const state = states.get(n)!;
      const groups =
        options.editions && n === editionN
          ? EDITION_CODES.map((lang, i) => [...(i === 0 ? [REDIRECT] : []), ...editionRoutes(lang, state)])
          : [editionRoutes('en', state).filter((route) => SCALE_ROUTES.has(route.name))];
      const session = await runSession(build, state, groups, durations, log);
      if (sizes.includes(n)) sessions.push(session);
      if (options.editions && n === editionN) editionSession = session;
    }

    const first = sessions[0] ?? editionSession;
    const firstRequest: [string, string][] = first
      ? [
          [
            `first request (/healthz) once wrangler dev opened its port, N=${first.state.n.toLocaleString('en')} ` +
              "(includes the rest of wrangler dev's start-up)",
            formatMs(first.server.firstRequestMs),
          ],
        ]
      : [];
    printTable(
      'Worker',
      ['measure', 'value'],
      [
        ['bundle (wrangler deploy --dry-run), raw', formatBytes(build.rawBytes)],
        ['bundle, gzip (node:zlib, level 6)', formatBytes(build.gzipBytes)],
        ...(build.wranglerReport ? [['wrangler "Total Upload"', build.wranglerReport]] : []),
        startup
          ? [startup.label, `${formatMs(startup.ms)} ${startup.detail}`.trim()]
          : ['isolate start-up: wrangler check startup failed, see the first request below', '—'],
        ...firstRequest,
      ],
    );
    if (editionSession) printEditionTables(editionSession, durations);
    if (sessions.length > 0) {
      const flags = printScaleTable(sessions, durations);
      console.log(
        flags.length > 0
          ? `\nFlagged (p99 over ${P99_LIMIT_MS} ms at the largest N; miss c1 p50 up 1.5× or more from the ` +
              `smallest N; rows read more than doubled):\n${flags.map((flag) => `  ⚠ ${flag}`).join('\n')}\n` +
              '  c32 latency is mostly queueing: with 32 connections, c32 p50 ≈ 32 ÷ req/s, so it follows ' +
              "the server's throughput; c1 is the page's own time."
          : `\nNo page over ${P99_LIMIT_MS} ms p99 at the largest N, none slower as N grows.`,
      );
    }
    console.log(
      '\nnon-2xx: responses wrk counts as errors (status ≥ 400), all runs of the row; "+k socket": ' +
        'connect/read/write errors and timeouts. D1 round trips / rows read: the Server-Timing header of ' +
        'one request of the plain URL (— when the Worker does not send it). A miss also stores the page ' +
        'in the Cache API (waitUntil), as at the edge. "/ (302)" is the redirect to an edition, the ' +
        'cheapest route (no D1). The server is wrangler dev (a proxy worker in front of the Worker) on ' +
        'this machine, sharing its 2 cores with wrk.',
    );
  } finally {
    rmSync(build.dir, { recursive: true, force: true });
    if (missScript) rmSync(join(missScript, '..'), { recursive: true, force: true });
  }
}
