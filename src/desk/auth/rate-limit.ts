/**
 * Failed logins, counted per client in the isolate's memory: at most MAX_FAILURES in a sliding
 * WINDOW_MS, then every attempt (right or wrong) is refused until the window has passed.
 *
 * Why in-isolate and not D1: the token is a long random secret, so the limit is there to slow
 * guessing and noise, not to be the only defence; a D1 row per failed attempt would let anyone
 * turn wrong passwords into primary writes (and content-version-free but still billable
 * traffic). The cost of the choice: each isolate counts on its own, so a client spread over
 * many isolates gets MAX_FAILURES per isolate. Cloudflare Access, the production path, is not
 * affected by this at all. Memory is bounded by MAX_CLIENTS (the oldest client is forgotten).
 */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;
const MAX_CLIENTS = 10_000;

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  private recent(client: string, now: number): number[] {
    const times = (this.failures.get(client) ?? []).filter((time) => now - time < WINDOW_MS);
    if (times.length === 0) this.failures.delete(client);
    else this.failures.set(client, times);
    return times;
  }

  /** True when this client may try again now. */
  allows(client: string, now = Date.now()): boolean {
    return this.recent(client, now).length < MAX_FAILURES;
  }

  recordFailure(client: string, now = Date.now()): void {
    const times = this.recent(client, now);
    times.push(now);
    // Re-inserting moves the client to the end of the Map's order: the first key is the oldest.
    this.failures.delete(client);
    this.failures.set(client, times);
    if (this.failures.size > MAX_CLIENTS) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }

  reset(client: string): void {
    this.failures.delete(client);
  }
}

/** The isolate's limiter. */
export const loginLimiter = new LoginLimiter();

/** Who the client is: Cloudflare's connecting IP (set by the edge, not spoofable through it). */
export function identifyClient(headers: Headers): string {
  return headers.get('CF-Connecting-IP') ?? 'unknown';
}
