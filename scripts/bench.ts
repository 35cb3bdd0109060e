/**
 * npm run bench: how fast the Worker is, and how that changes with the corpus's size.
 *
 *   node scripts/bench.ts [--quick] [--only build|http|scale|faults|ingest|prose|desk] [--seconds S] [--summary-weeks K]
 *
 * build: how long the cron's summary build takes, and how it grows.
 * 1. One week of N synthetic reports (N = 250 … 4,000), every edition (en, uz, uz-Cyrl, ja):
 *    the cron must rebuild a busy week well inside one scheduled invocation's CPU budget
 *    (30 s on the paid plan); the target for 2,000 reports is under 3 s.
 * 2. Every week of a corpus of 12,500 / 25,000 / 50,000 reports, every edition: a full backfill
 *    after a migration or a fresh deploy.
 * This times the domain code the cron runs (clustering, ranking, sentence choice, i18n,
 * transliteration), in Node 22 on V8 like workerd. It does not time D1 writes; a summary is a
 * handful of rows per week.
 *
 * http: the Worker's bundle size and start-up, and every edition's pages and feeds served by
 * `wrangler dev` from a local D1 loaded with the real corpus and 100,000 synthetic reports
 * (10,000 with --quick), driven by wrk (scripts/bench-http.ts, scripts/load-synthetic.ts).
 *
 * scale: the English pages at 1,000 / 10,000 / 100,000 synthetic reports (--quick: 1,000 and
 * 10,000): a fixed page must not get slower as the corpus grows; p99 over 100 ms is flagged.
 *
 * prose: the share of summary sentences that open with a reference they cannot resolve, with and
 * without the prose rules, over a synthetic half year (scripts/bench-prose.ts).
 *
 * desk: the editors' desk's share of the bundle (esbuild's metafile) and, by inspector breakpoints
 * on its modules' initialisers, that reader pages evaluate none of it (scripts/bench-desk.ts).
 *
 * Every part runs by default. --quick shortens each: fewer build sizes, N up to 10,000, and per
 * route 1 s one-request-at-a-time + 2 s under load instead of 2 s + 5 s (--seconds sets the
 * latter). The loaded databases are cached under .wrangler/bench-state-<N> and rebuilt when the
 * migrations or the generator change (100,000 reports take about 20 minutes to load; with
 * --summary-weeks K only the K most recent weeks get summaries). A benchmark, not a test: it
 * prints figures and asserts nothing but determinism.
 */
import { parseArgs } from 'node:util';
import { SUMMARY_LOCALES } from '../src/workflows/summaries/editions.ts';
import { buildWeeklySummary, type WeekDocument } from '../src/services/weekly-summary.ts';
import { runFaultBench } from './bench-faults.ts';
import { runHttpBench, wrkAvailable } from './bench-http.ts';
import { runIngestBench } from './bench-ingest.ts';
import { runProseBench } from './bench-prose.ts';
import { runDeskBench } from './bench-desk.ts';
import { createEntityPool, generateDocuments, generateWeek, groupByWeek, materialize } from './synthetic.ts';

const REPEATS = 5;
const pool = createEntityPool();

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Builds one week in every edition; returns the JSON so runs can be compared. */
function buildAllEditions(week: string, docs: readonly WeekDocument[]): string {
  return SUMMARY_LOCALES.map((locale) => JSON.stringify(buildWeeklySummary(week, docs, locale))).join('\n');
}

function time<T>(run: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = run();
  return { ms: performance.now() - start, result };
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

function printTable(title: string, header: string[], rows: string[][]): void {
  console.log(`\n${title}`);
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i] ?? 0)).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

function runBuildBench(quick: boolean): void {
  const repeats = quick ? 3 : REPEATS;
  // 1. One busy week.
  const WEEK = '2025-W50';
  const weekRows: string[][] = [];
  let previous: number | undefined;
  let busyWeekMs = Number.NaN;
  for (const count of quick ? [250, 1000, 2000] : [250, 500, 1000, 2000, 4000]) {
    const docs = generateWeek({ count, seed: 20251208 + count, week: WEEK, pool });
    materialize(docs);
    buildAllEditions(WEEK, docs); // warm-up: JIT and i18n caches, as a long-lived isolate has them
    const runs: number[] = [];
    let first: string | undefined;
    for (let i = 0; i < repeats; i++) {
      const { ms, result } = time(() => buildAllEditions(WEEK, docs));
      runs.push(ms);
      first ??= result;
      if (result !== first) throw new Error(`week of ${count}: two builds differ; the build must be deterministic`);
    }
    const ms = median(runs);
    if (count === 2000) busyWeekMs = ms;
    const stories = SUMMARY_LOCALES.length > 0 ? (JSON.parse(first!.split('\n')[0]!) as { stories: unknown[] }) : null;
    weekRows.push([
      count.toLocaleString('en'),
      String(stories?.stories.length ?? 0),
      formatMs(ms),
      formatMs(ms / SUMMARY_LOCALES.length),
      previous === undefined ? '' : `×${(ms / previous).toFixed(2)}`,
    ]);
    previous = ms;
  }
  printTable(
    `One week (${WEEK}), all ${SUMMARY_LOCALES.length} editions, median of ${repeats}`,
    ['reports', 'stories', 'all editions', 'per edition', quick ? 'vs previous' : 'vs previous (2× reports)'],
    weekRows,
  );

  // 2. Every week of a large corpus.
  const corpusRows: string[][] = [];
  previous = undefined;
  let peakRss = 0;
  for (const count of quick ? [12_500] : [12_500, 25_000, 50_000]) {
    const docs = generateDocuments({ count, seed: 7 + count, startDate: '2016-01-04', endDate: '2025-12-28', pool });
    materialize(docs);
    const weeks = groupByWeek(docs);
    const { ms } = time(() => {
      let bytes = 0;
      for (const [week, weekDocs] of weeks) bytes += buildAllEditions(week, weekDocs).length;
      return bytes;
    });
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const largest = Math.max(...[...weeks.values()].map((group) => group.length));
    corpusRows.push([
      count.toLocaleString('en'),
      String(weeks.size),
      String(largest),
      formatMs(ms),
      formatMs(ms / weeks.size),
      previous === undefined ? '' : `×${(ms / previous).toFixed(2)}`,
    ]);
    previous = ms;
  }
  printTable(
    `Every week of a corpus, all ${SUMMARY_LOCALES.length} editions (one pass)`,
    ['reports', 'weeks', 'largest week', 'total', 'per week', 'vs previous (2× reports)'],
    corpusRows,
  );

  console.log(`\nPeak RSS: ${mib(peakRss)} (Node ${process.version})`);
  const verdict = busyWeekMs < 3000 ? 'within' : 'OVER';
  console.log(`Week of 2,000 reports, all editions: ${formatMs(busyWeekMs)}: ${verdict} the 3 s target.`);
}

// ---------------------------------------------------------------------------------------------

const PARTS = ['build', 'http', 'scale', 'faults', 'ingest', 'prose', 'desk'] as const;
type Part = (typeof PARTS)[number];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    seconds: { type: 'string' },
    'summary-weeks': { type: 'string' },
  },
});
const quick = values.quick ?? false;
if (values.only !== undefined && !(PARTS as readonly string[]).includes(values.only)) {
  console.error(`--only must be one of ${PARTS.join(', ')}`);
  process.exit(2);
}
const parts = new Set<Part>(values.only ? [values.only as Part] : PARTS);
const seconds = values.seconds ? Number(values.seconds) : quick ? 2 : 5;
const summaryWeeks = values['summary-weeks'] ? Number(values['summary-weeks']) : undefined;
if (!(seconds >= 1) || (summaryWeeks !== undefined && !(summaryWeeks >= 1))) {
  console.error('--seconds and --summary-weeks take a positive number');
  process.exit(2);
}

const wantsHttp = parts.has('http') || parts.has('scale') || parts.has('faults');
const haveWrk = !wantsHttp || wrkAvailable();
if (!haveWrk) {
  console.error(
    'bench: wrk is not installed, so the HTTP measurements (http, scale) are skipped.\n' +
      '       Install it (Debian/Ubuntu: apt-get install wrk; macOS: brew install wrk) and run again.',
  );
  process.exitCode = 1;
}

if (parts.has('build')) runBuildBench(quick);
if ((parts.has('http') || parts.has('scale')) && haveWrk) {
  const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
  await runHttpBench({
    editions: parts.has('http'),
    sizes: parts.has('scale') ? sizes : [],
    editionN: sizes.at(-1)!,
    seconds,
    serialSeconds: quick ? 1 : 2,
    summaryWeeks,
  });
}
if (parts.has('faults') && haveWrk) {
  const holds = await runFaultBench({ seconds: quick ? 20 : 60 });
  if (!holds) process.exitCode = 1;
}
if (parts.has('prose')) runProseBench({ reports: quick ? 2_000 : 10_000 });
if (parts.has('ingest')) {
  // 200 sources × 50 items, as the issue asks; --quick polls 20 of them.
  await runIngestBench({ sources: quick ? 20 : 200, items: 50 });
}
if (parts.has('desk')) {
  if (!(await runDeskBench())) process.exitCode = 1;
}
