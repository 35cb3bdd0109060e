/** The operator's bearer token (ADMIN_TOKEN), for routes outside the editorial API that show more to an operator. */
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { isSecret } from '../services/hash.ts';

/**
 * True only when ADMIN_TOKEN is set and the request carries it as `Authorization: Bearer`.
 * Digests are compared in constant time, so the answer takes as long whatever was sent.
 */
export async function hasAdminToken(c: Context<AppEnv>): Promise<boolean> {
  const expected = c.env.ADMIN_TOKEN;
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '')?.[1];
  if (!expected || presented === undefined) return false;
  return isSecret(presented, expected);
}
