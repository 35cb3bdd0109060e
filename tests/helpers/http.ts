import { exports } from 'cloudflare:workers';

export const ORIGIN = 'https://digest.test';

/** A request to the Worker's own fetch handler, as a reader's browser would send it. */
export function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { headers, redirect: 'manual' }));
}

/** The headers of an operator: the admin token the test pool binds (vitest.config.ts). */
export const OPERATOR: Record<string, string> = { Authorization: 'Bearer test-admin-token' };
