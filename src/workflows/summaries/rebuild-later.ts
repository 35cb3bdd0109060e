/**
 * Rebuilds the summaries of the weeks an editorial change touched, after the response
 * (waitUntil), for every adapter of the editorial workflows (admin API, desk). The next cron run
 * would catch them anyway (their fingerprint changed), so a failure is logged, not raised.
 * `before` runs first (a new document's machine drafts, so the rebuild includes them).
 */
import type { Database } from '../../db/client.ts';
import { rebuildChangedWeeks } from './build-week.ts';

export function rebuildWeeksLater(
  ctx: { waitUntil(promise: Promise<unknown>): void },
  db: Database,
  weeks: readonly string[],
  before?: () => Promise<void>,
): void {
  if (weeks.length === 0) return;
  const at = new Date().toISOString();
  const work = (async () => {
    await before?.();
    await rebuildChangedWeeks(db, weeks, at);
  })().catch((error: unknown) => {
    console.error(JSON.stringify({ message: 'background rebuild failed', weeks, error: String(error) }));
  });
  ctx.waitUntil(work);
}
