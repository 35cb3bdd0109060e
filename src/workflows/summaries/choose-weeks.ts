/**
 * Which weeks a run rebuilds, and whether they fit in one invocation. A week is stale when it
 * just ended, has no summary in some edition, or its summary was built from other documents
 * (its fingerprint, the ordered content hashes of its live documents, has changed).
 */
import type { Database } from '../../db/client.ts';
import { listSummaryStates, listWeekFingerprints } from '../../db/summaries.ts';
import { hashText } from '../../services/hash.ts';
import { SUMMARY_LOCALES } from './editions.ts';

/**
 * Most document-builds (one report through one edition's build) a run does inline. Sized
 * from `npm run bench` (docs/performance.md): a week of 2,000 reports in all 4 editions, 8,000
 * document-builds, takes 0.9 s of CPU; over every size measured a document-build costs 0.11–0.18 ms.
 * A scheduled invocation on the paid plan gets 30 s of CPU by default, and the bench leaves
 * out what surrounds the build (reading and parsing the rows, hashing, serialising), so the
 * ceiling is that 2,000-report week: at most 1.5 s at the dearest rate measured, 20× under
 * the limit, which leaves room for slower machines than the bench's and for the untimed work.
 */
const MAX_INLINE_BUILDS = 8_000;

/**
 * With a queue bound, most weeks a run rebuilds inline, whatever their size: a week costs up to
 * 8 D1 queries (a read batch and a write batch of 4 statements each), and an invocation may
 * make 1,000 on the paid plan. A year of weeks is 416 queries at most.
 */
const MAX_INLINE_WEEKS = 52;

export interface RebuildBudget {
  maxInlineBuilds: number;
  maxInlineWeeks: number;
}

export const DEFAULT_BUDGET: RebuildBudget = { maxInlineBuilds: MAX_INLINE_BUILDS, maxInlineWeeks: MAX_INLINE_WEEKS };

/** The stale weeks up to `justEnded`, in week order, each with its fingerprint ('' = no documents left). */
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

/**
 * A run's size in document-builds: each chosen week's reports times the editions. The
 * fingerprint lists one content hash per live report, so it counts them without a query.
 */
export function estimateBuilds(weeks: ReadonlyMap<string, string>): number {
  let builds = 0;
  for (const fingerprint of weeks.values()) {
    if (fingerprint !== '') builds += fingerprint.split(',').length * SUMMARY_LOCALES.length;
  }
  return builds;
}

export function exceedsBudget(weeks: ReadonlyMap<string, string>, budget: RebuildBudget): boolean {
  return estimateBuilds(weeks) > budget.maxInlineBuilds || weeks.size > budget.maxInlineWeeks;
}
