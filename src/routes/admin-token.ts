/** The operator's bearer token (ADMIN_TOKEN), for routes outside the editorial API that show more to an operator. */
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';

async function sha256(value: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
}

/**
 * True only when ADMIN_TOKEN is set and the request carries it as `Authorization: Bearer`.
 * Digests are compared in constant time, so the answer takes as long whatever was sent.
 */
export async function hasAdminToken(c: Context<AppEnv>): Promise<boolean> {
  const expected = c.env.ADMIN_TOKEN;
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '')?.[1];
  if (!expected || presented === undefined) return false;
  const [given, wanted] = await Promise.all([sha256(presented), sha256(expected)]);
  return crypto.subtle.timingSafeEqual(given, wanted);
}
