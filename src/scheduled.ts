/**
 * The cron trigger: rebuilds the summary of the week that just ended, and backfills every
 * earlier week whose summary is missing or was built from documents that have changed since.
 * Idempotent (unchanged content writes nothing), safe under overlap (upserts keyed by week
 * and language), atomic per week (one D1 batch), and logged in `cron_runs`.
 */
import { createDb, type Database } from './db/client.ts';
import {
  finishRun,
  listSummaryStates,
  listWeekFingerprints,
  deleteWeekSummaries,
  loadWeekDocuments,
  startRun,
  writeWeekSummaries,
  type SummaryWrite,
} from './db/summaries.ts';
import { getTranslator } from './i18n/index.ts';
import { hashText } from './services/hash.ts';
import { EDITIONS, getContentLanguage, getScript, LANGUAGE_TAGS } from './services/languages.ts';
import { getPreviousIsoWeek } from './services/week-clock.ts';
import { buildWeeklySummary, type SummaryLocale } from './services/weekly-summary.ts';

/** One summary per edition; the Cyrillic one is cut from the Uzbek text and transliterated. */
export const SUMMARY_LOCALES: SummaryLocale[] = EDITIONS.map((lang) => ({
  lang,
  contentLang: getContentLanguage(lang),
  tag: LANGUAGE_TAGS[lang],
  t: getTranslator(lang),
  script: getScript(lang),
}));

export interface RebuildResult {
  weeksBuilt: string[];
  rowsChanged: number;
}

/** Builds (and writes, atomically) every language of one week. */
export async function rebuildWeek(db: Database, week: string, fingerprint: string, at: string): Promise<number> {
  const docs = await loadWeekDocuments(db, week);
  // An editor deleted the week's last document: its summary must leave the pages and feeds.
  if (docs.length === 0) return deleteWeekSummaries(db, week);
  const sourceHash = await hashText(fingerprint);
  const rows: SummaryWrite[] = [];
  for (const locale of SUMMARY_LOCALES) {
    const summary = buildWeeklySummary(week, docs, locale);
    const content = JSON.stringify(summary);
    rows.push({
      week,
      lang: locale.lang,
      title: summary.title,
      summaryText: summary.intro,
      content,
      contentHash: await hashText(content),
      sourceHash,
      firstPublishedAt: at,
      updatedAt: at,
    });
  }
  return writeWeekSummaries(db, rows);
}

export async function chooseWeeksToRebuild(db: Database, justEnded: string): Promise<Map<string, string>> {
  const [fingerprints, states] = await Promise.all([listWeekFingerprints(db), listSummaryStates(db)]);
  const built = new Map<string, Map<string, string>>();
  for (const state of states) {
    const langs = built.get(state.week) ?? new Map<string, string>();
    langs.set(state.lang, state.sourceHash);
    built.set(state.week, langs);
  }
  const chosen = new Map<string, string>();
  for (const [week, fingerprint] of [...fingerprints].sort(([a], [b]) => a.localeCompare(b))) {
    // Weeks still in progress are left for the run after they end.
    if (week > justEnded) continue;
    const langs = built.get(week);
    const sourceHash = await hashText(fingerprint);
    const stale =
      week === justEnded || !langs || SUMMARY_LOCALES.some((locale) => langs.get(locale.lang) !== sourceHash);
    if (stale) chosen.set(week, fingerprint);
  }
  for (const week of built.keys()) {
    if (!fingerprints.has(week)) chosen.set(week, '');
  }
  return chosen;
}

export async function runWeeklyRebuild(
  env: Pick<Env, 'DB' | 'DIGEST_TIME_ZONE'>,
  scheduledTime: number,
  cron: string,
): Promise<RebuildResult> {
  const db = createDb(env.DB);
  const runKey = new Date(scheduledTime).toISOString();
  await startRun(db, runKey, cron, new Date().toISOString());
  const weeksBuilt: string[] = [];
  let rowsChanged = 0;
  try {
    const justEnded = getPreviousIsoWeek(scheduledTime, env.DIGEST_TIME_ZONE || 'UTC');
    const weeks = await chooseWeeksToRebuild(db, justEnded);
    for (const [week, fingerprint] of weeks) {
      // The scheduled time, not the wall clock: a retry of the same run writes the same bytes.
      rowsChanged += await rebuildWeek(db, week, fingerprint, runKey);
      weeksBuilt.push(week);
    }
    await finishRun(db, runKey, { status: 'ok', endedAt: new Date().toISOString(), weeksRebuilt: weeksBuilt });
    return { weeksBuilt, rowsChanged };
  } catch (error) {
    await finishRun(db, runKey, {
      status: 'error',
      endedAt: new Date().toISOString(),
      weeksRebuilt: weeksBuilt,
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}
