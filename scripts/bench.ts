/**
 * npm run bench: how long the cron's summary build takes, and how it grows.
 *
 * 1. One week of N synthetic reports (N = 250 … 4,000), every edition (en, uz, uz-Cyrl, ja):
 *    the cron must rebuild a busy week well inside one scheduled invocation's CPU budget
 *    (30 s on the paid plan); the target for 2,000 reports is under 3 s.
 * 2. Every week of a corpus of 12,500 / 25,000 / 50,000 reports, every edition: a full backfill
 *    after a migration or a fresh deploy.
 *
 * This times the domain code the cron runs (clustering, ranking, sentence choice, i18n,
 * transliteration), in Node 22 on V8 like workerd. It does not time D1 writes; a summary is a
 * handful of rows per week. A benchmark, not a test: it prints figures and asserts nothing
 * but determinism.
 */
import { SUMMARY_LOCALES } from '../src/scheduled.ts';
import { buildWeeklySummary, type WeekDocument } from '../src/services/weekly-summary.ts';
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

// 1. One busy week.
const WEEK = '2025-W50';
const weekRows: string[][] = [];
let previous: number | undefined;
let busyWeekMs = Number.NaN;
for (const count of [250, 500, 1000, 2000, 4000]) {
  const docs = generateWeek({ count, seed: 20251208 + count, week: WEEK, pool });
  materialize(docs);
  buildAllEditions(WEEK, docs); // warm-up: JIT and i18n caches, as a long-lived isolate has them
  const runs: number[] = [];
  let first: string | undefined;
  for (let i = 0; i < REPEATS; i++) {
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
  `One week (${WEEK}), all ${SUMMARY_LOCALES.length} editions, median of ${REPEATS}`,
  ['reports', 'stories', 'all editions', 'per edition', 'vs previous (2× reports)'],
  weekRows,
);

// 2. Every week of a large corpus.
const corpusRows: string[][] = [];
previous = undefined;
let peakRss = 0;
for (const count of [12_500, 25_000, 50_000]) {
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
