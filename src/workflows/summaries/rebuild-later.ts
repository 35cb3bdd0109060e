/**
 * Rebuilds the summaries of the weeks an editorial change touched, after the response
 * (waitUntil), for every adapter of the editorial workflows (admin API, desk). The next cron run
 * would catch them anyway (their fingerprint changed), so a failure is logged, not raised.
 * `before` runs first (a new document's machine drafts, so the rebuild includes them).
 */
import type { Database } from '../../db/client.ts';
import { EDITIONS } from '../../services/languages.ts';
import { publishFeedChanges, sendWithFetch } from '../../services/websub.ts';
import { rebuildChangedWeeks } from './build-week.ts';

/** What the rebuild needs of the Worker's configuration: the digest's zone, and the WebSub hub. */
export interface RebuildConfig {
  DIGEST_TIME_ZONE?: string | undefined;
  PUBLIC_ORIGIN?: string | undefined;
  WEBSUB_HUB?: string | undefined;
}

/**
 * Rebuilds the given weeks now, dated by the digest's zone, and tells the WebSub hub when a feed
 * changed. Shared by every writer that rebuilds outside the cron (admin API, desk, ingestion).
 */
export async function rebuildWeeksNow(db: Database, config: RebuildConfig, weeks: Iterable<string>): Promise<number> {
  const clock = { at: new Date().toISOString(), timeZone: config.DIGEST_TIME_ZONE || 'UTC' };
  const changed = await rebuildChangedWeeks(db, weeks, clock);
  if (changed > 0) await publishFeedChanges(config, EDITIONS, sendWithFetch);
  return changed;
}

export function rebuildWeeksLater(
  ctx: { waitUntil(promise: Promise<unknown>): void },
  db: Database,
  config: RebuildConfig,
  weeks: readonly string[],
  before?: () => Promise<void>,
): void {
  if (weeks.length === 0) return;
  const work = (async () => {
    await before?.();
    await rebuildWeeksNow(db, config, weeks);
  })().catch((error: unknown) => {
    console.error(JSON.stringify({ message: 'background rebuild failed', weeks, error: String(error) }));
  });
  ctx.waitUntil(work);
}
