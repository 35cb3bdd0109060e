/**
 * Caching and conditional GET for pages and feeds.
 *
 * - Responses are kept in the Cache API (`caches.default`) under their URL plus the content
 *   version (a counter that triggers in migration 0004 bump on every change a reader could see)
 *   and the deployed build. An edit, an import or a rebuild makes every entry stale at once;
 *   nothing else does, so there is no time-based guessing. A cache hit costs one one-row D1
 *   read (the version) and no rendering.
 * - The ETag is strong, a digest of the exact bytes, so it changes exactly when a page does;
 *   it is stored with the cached entry, so revalidating (If-None-Match → 304) needs no
 *   rendering either. Last-Modified where the handler knows it; If-Modified-Since without
 *   If-None-Match is honoured too.
 * - `Cache-Control`: a short max-age for browsers (they revalidate cheaply with the ETag), and
 *   s-maxage / stale-while-revalidate for the edge, which is safe because the edge entry's key
 *   names the content version.
 *
 * The Cache API only stores responses on a custom domain, not on *.workers.dev (README).
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import { readContentVersion } from '../db/queries.ts';

export const CACHE_CONTROL = 'public, max-age=60, s-maxage=86400, stale-while-revalidate=604800';
const CACHE_STATUS = 'X-Cache';

async function digest(body: ArrayBuffer): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', body);
  return [...new Uint8Array(hash).slice(0, 16)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function matchesEtag(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((candidate) => candidate.trim().replace(/^W\//, ''))
    .some((candidate) => candidate === '*' || candidate === etag);
}

export function toHttpDate(iso: string): string {
  return new Date(iso).toUTCString();
}

function isNotModified(request: Request, headers: Headers): boolean {
  const etag = headers.get('ETag');
  const ifNoneMatch = request.headers.get('If-None-Match');
  if (ifNoneMatch !== null) return etag !== null && matchesEtag(ifNoneMatch, etag);
  const ifModifiedSince = request.headers.get('If-Modified-Since');
  const lastModified = headers.get('Last-Modified');
  if (!ifModifiedSince || !lastModified) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && Date.parse(lastModified) <= since;
}

function notModified(headers: Headers): Response {
  const kept = new Headers(headers);
  kept.delete('Content-Length');
  kept.delete('Content-Type');
  return new Response(null, { status: 304, headers: kept });
}

/** The key an entry is stored under: the URL, the content version and the build. */
function cacheKey(url: string, version: number, build: string): Request {
  const key = new URL(url);
  key.searchParams.set('__content', `${version}.${build}`);
  return new Request(key.toString(), { method: 'GET' });
}

export const conditionalGet = createMiddleware<AppEnv>(async (c, next) => {
  const method = c.req.method;
  if (method !== 'GET' && method !== 'HEAD') {
    await next();
    return;
  }
  const version = await readContentVersion(c.get('db'));
  const build = c.env.CF_VERSION_METADATA?.id ?? 'local';
  const key = cacheKey(c.req.url, version, build);
  const cache = caches.default;

  const hit = await cache.match(key);
  if (hit) {
    const headers = new Headers(hit.headers);
    headers.set(CACHE_STATUS, 'HIT');
    c.res = isNotModified(c.req.raw, headers)
      ? notModified(headers)
      : new Response(method === 'HEAD' ? null : hit.body, { status: 200, headers });
    return;
  }

  await next();
  if (c.res.status !== 200) return;
  const body = await c.res.arrayBuffer();
  const headers = new Headers(c.res.headers);
  headers.set('ETag', `"${await digest(body)}"`);
  headers.set('Cache-Control', CACHE_CONTROL);
  const stored = cache.put(key, new Response(body, { status: 200, headers }));
  try {
    c.executionCtx.waitUntil(stored);
  } catch {
    // No execution context (app.request() in a unit test): store before answering.
    await stored;
  }
  headers.set(CACHE_STATUS, 'MISS');
  c.res = isNotModified(c.req.raw, headers)
    ? notModified(headers)
    : new Response(method === 'HEAD' ? null : body, { status: 200, headers });
});
