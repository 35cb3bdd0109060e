/**
 * robots.txt, read with `robots-parser` (Google's grouping and wildcard rules) and remembered
 * per host for a day in the isolate, so a poll of 50 items from one site reads it once.
 * A robots.txt that cannot be fetched (404, 5xx, timeout) allows everything, as crawlers agree;
 * a 401/403 does too (RFC 9309 treats 4xx as "no rules").
 */
import robotsParser from 'robots-parser';
import { fetchPolitely, FetchError, type FetchFunction } from './polite-fetch.ts';

const ROBOTS_MAX_BYTES = 500 * 1024; // RFC 9309: at least 500 KiB must be parsed.
const ROBOTS_TTL_MS = 24 * 60 * 60_000;
const BOT_NAME = 'SilkDigestBot';

interface Entry {
  robots: ReturnType<typeof robotsParser> | null;
  expires: number;
}

export class RobotsCache {
  readonly #entries = new Map<string, Entry>();
  /** Subrequests spent reading robots.txt files, for the invocation's budget. */
  requests = 0;

  private readonly fetch: FetchFunction;
  private readonly allowPrivate: boolean;
  private readonly now: () => number;

  constructor(fetch: FetchFunction, allowPrivate: boolean, now: () => number = Date.now) {
    this.fetch = fetch;
    this.allowPrivate = allowPrivate;
    this.now = now;
  }

  async isAllowed(url: string): Promise<boolean> {
    const target = new URL(url);
    const origin = target.origin;
    let entry = this.#entries.get(origin);
    if (!entry || entry.expires < this.now()) {
      entry = { robots: await this.#load(origin), expires: this.now() + ROBOTS_TTL_MS };
      this.#entries.set(origin, entry);
    }
    return entry.robots?.isAllowed(target.href, BOT_NAME) ?? true;
  }

  async #load(origin: string): Promise<ReturnType<typeof robotsParser> | null> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const response = await fetchPolitely(robotsUrl, {
        fetch: this.fetch,
        allowPrivate: this.allowPrivate,
        maxBytes: ROBOTS_MAX_BYTES,
        accept: ['text/plain', 'text/html', 'application/octet-stream'],
        acceptHeader: 'text/plain',
        failure: 'not_feed',
      });
      this.requests += response.requests;
      if (response.status !== 200) return null;
      return robotsParser(robotsUrl, new TextDecoder().decode(response.bytes));
    } catch (error) {
      if (error instanceof FetchError && error.reason === 'blocked') return null;
      this.requests += 1;
      if (error instanceof FetchError) return null;
      throw error;
    }
  }
}
