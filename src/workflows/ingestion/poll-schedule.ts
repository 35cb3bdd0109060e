/**
 * When to poll a source next, from the feed's own rhythm, as Miniflux does: the average gap
 * between its recent items, raised to what the publisher asks (`<ttl>`, `Cache-Control:
 * max-age`, `Retry-After`), clamped to [30 min, 24 h]. Failures back off exponentially from
 * 30 minutes; after `MAX_FAILURES` in a row the source is disabled. Pure.
 */

export const MIN_INTERVAL_MS = 30 * 60_000;
export const MAX_INTERVAL_MS = 24 * 60 * 60_000;
export const MAX_FAILURES = 10;
const WEEK_MS = 7 * 24 * 60 * 60_000;

export interface ScheduleInput {
  now: number;
  /** Items the feed published in the last week (from their dates); null when unknown. */
  itemsPerWeek: number | null;
  ttlMinutes?: number | null | undefined;
  maxAgeSeconds?: number | null | undefined;
  retryAfterSeconds?: number | null | undefined;
  /** Failures in a row, including this poll's (0 after a success). */
  consecutiveFailures: number;
}

function clamp(ms: number): number {
  return Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, ms));
}

export function computeNextPoll(input: ScheduleInput): number {
  if (input.consecutiveFailures > 0) {
    const backoff = MIN_INTERVAL_MS * 2 ** (input.consecutiveFailures - 1);
    return input.now + clamp(Math.max(backoff, (input.retryAfterSeconds ?? 0) * 1000));
  }
  // A quiet feed (no item this week) is polled daily; a busy one as often as it publishes.
  const rhythm = input.itemsPerWeek && input.itemsPerWeek > 0 ? WEEK_MS / input.itemsPerWeek : MAX_INTERVAL_MS;
  const asked = Math.max(
    (input.ttlMinutes ?? 0) * 60_000,
    (input.maxAgeSeconds ?? 0) * 1000,
    (input.retryAfterSeconds ?? 0) * 1000,
  );
  return input.now + clamp(Math.max(rhythm, asked));
}

/** Items dated within the week before `now`. */
export function countItemsPerWeek(dates: readonly (string | null)[], now: number): number | null {
  const known = dates.filter((date): date is string => date !== null).map((date) => Date.parse(date));
  if (known.length === 0) return null;
  return known.filter((time) => time <= now && now - time <= WEEK_MS).length;
}

/** `Retry-After` as seconds: either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - now) / 1000));
}

export function parseMaxAge(cacheControl: string | null): number | null {
  const seconds = /(?:^|,)\s*max-age\s*=\s*(\d+)/i.exec(cacheControl ?? '')?.[1];
  return seconds === undefined ? null : Number(seconds);
}
