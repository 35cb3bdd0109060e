/**
 * Where a week is built: a week's documents → one summary per edition (services/weekly-summary.ts)
 * → one atomic write (db/summaries.ts). The cron, the queue consumer, the editorial desk and
 * the seed all rebuild through these functions, so every path writes the same bytes.
 */
import type { Database } from '../../db/client.ts';
import {
  deleteWeekSummaries,
  getWeekFingerprint,
  loadWeekDocuments,
  writeWeekSummaries,
  type BatchStatement,
  type SummaryWrite,
} from '../../db/summaries.ts';
import { hashText } from '../../services/hash.ts';
import { getPublicationTime } from '../../services/week-clock.ts';
import { buildWeeklySummary, type SummaryLocale, type WeekDocument } from '../../services/weekly-summary.ts';
import { SUMMARY_LOCALES } from './editions.ts';

/** When a build runs and the zone its weeks are counted in: together they fix a summary's dates. */
export interface BuildClock {
  /** ISO instant of the build (a cron run's scheduled time, so a retry writes the same bytes). */
  at: string;
  /** DIGEST_TIME_ZONE. */
  timeZone: string;
}

async function buildSummaryRow(
  week: string,
  docs: readonly WeekDocument[],
  locale: SummaryLocale,
  sourceHash: string,
  clock: BuildClock,
): Promise<SummaryWrite> {
  const summary = buildWeeklySummary(week, docs, locale);
  return {
    week,
    lang: locale.lang,
    title: summary.title,
    summaryText: summary.intro,
    // Drizzle stores the column as JSON.stringify(content): the bytes hashed here.
    content: summary,
    contentHash: await hashText(JSON.stringify(summary)),
    sourceHash,
    // Kept from the first build on (writeWeekSummaries never overwrites it).
    firstPublishedAt: getPublicationTime(week, clock.at, clock.timeZone),
    builtAt: clock.at,
  };
}

/**
 * Builds (and writes, atomically) every edition of one week from its documents; `fingerprint`
 * is the week's document hashes the summary records as built from. Returns the rows changed.
 */
export async function rebuildWeek(db: Database, week: string, fingerprint: string, clock: BuildClock): Promise<number> {
  const docs = await loadWeekDocuments(db, week);
  // An editor deleted the week's last document: its summary must leave the pages and feeds.
  if (docs.length === 0) return deleteWeekSummaries(db, week);
  const sourceHash = await hashText(fingerprint);
  const rows: SummaryWrite[] = [];
  for (const locale of SUMMARY_LOCALES) rows.push(await buildSummaryRow(week, docs, locale, sourceHash, clock));
  return writeWeekSummaries(db, rows);
}

/**
 * Builds (and writes) one edition of one week: the queue's unit of work. Same code, same
 * bytes, same dates as `rebuildWeek` for that edition; `after` joins the write's batch.
 */
export async function rebuildWeekEdition(
  db: Database,
  week: string,
  lang: string,
  sourceHash: string,
  clock: BuildClock,
  after: readonly BatchStatement[] = [],
): Promise<number> {
  const locale = SUMMARY_LOCALES.find((candidate) => candidate.lang === lang);
  if (!locale) throw new Error(`no edition ${lang}`);
  const docs = await loadWeekDocuments(db, week);
  if (docs.length === 0) return deleteWeekSummaries(db, week, lang, after);
  return writeWeekSummaries(db, [await buildSummaryRow(week, docs, locale, sourceHash, clock)], after);
}

/**
 * Rebuilds weeks a change touched, each from its current fingerprint (the editorial desk's
 * rebuild; the next cron run would catch them anyway, since their fingerprint changed).
 * Returns the rows changed.
 */
export async function rebuildChangedWeeks(db: Database, weeks: Iterable<string>, clock: BuildClock): Promise<number> {
  let changed = 0;
  for (const week of new Set(weeks)) changed += await rebuildWeek(db, week, await getWeekFingerprint(db, week), clock);
  return changed;
}
