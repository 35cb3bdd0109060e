/**
 * Caching and conditional GET for pages, feeds and the JSON API.
 *
 * - Responses are kept in the Cache API (`caches.default`) under a key made by the rule of
 *   src/routes/read-routes.ts (the path and only the query parameters the route reads, in
 *   canonical form) and the deployed build, labelled with the content version they were rendered from (a counter that triggers
 *   in migration 0004 bump on every change a reader could see). A hit is served only if its
 *   label is the current version: an edit, an import or a rebuild makes every entry stale at
 *   once, and nothing else does, so there is no time-based guessing.
 * - One D1 round trip per page view either way. A hit reads the one-row version and renders
 *   nothing. A miss reads the version inside the page's own batch (the session's VersionTap),
 *   so the label is exactly the data's version. A stale hit costs two: the check, then the page.
 * - The ETag is strong, a digest of the exact bytes, so it changes exactly when a page does;
 *   it is stored with the cached entry, so revalidating (If-None-Match → 304) needs no
 *   rendering either. Last-Modified where the handler knows it; If-Modified-Since without
 *   If-None-Match is honoured too.
 * - `Cache-Control` is what holds for any cache outside the Worker (browsers, proxies, a CDN
 *   cache rule), none of which can check the content version: a minute, then revalidate with
 *   the ETag. The Worker's own entries are not bound by it (their label decides), and a hit
 *   is sent with the current `Date` and no stored `Age`, since it was just checked.
 *
 * The Cache API only stores responses on a custom domain, not on *.workers.dev (README).
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import { readContentVersion } from '../db/queries.ts';
import { toHex } from '../services/hash.ts';
import { buildCacheKey } from './read-routes.ts';

const CACHE_CONTROL = 'public, max-age=60';
const CACHE_STATUS = 'X-Cache';
// Internal: the label of a cached entry, never sent to readers.
const VERSION_LABEL = 'X-Content-Version';

async function digest(body: ArrayBuffer): Promise<string> {
  // Half the digest: 128 bits tell versions apart, and the ETag stays short.
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', body)).slice(0, 16));
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

function answer(request: Request, headers: Headers, body: BodyInit | null): Response {
  headers.delete(VERSION_LABEL);
  if (isNotModified(request, headers)) return notModified(headers);
  return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
}

export const conditionalGet = createMiddleware<AppEnv>(async (c, next) => {
  const method = c.req.method;
  if (method !== 'GET' && method !== 'HEAD') {
    await next();
    return;
  }
  // The content version is the entry's label, not part of the key, so a new rendering
  // replaces the stale one instead of piling up beside it.
  const key = buildCacheKey(c.req.url, c.env.CF_VERSION_METADATA?.id ?? 'local');
  if (key === null) {
    // Not a read route (an error page, a route not in the table): rendered, never stored.
    await next();
    return;
  }
  const cache = caches.default;
  const tap = c.get('versionTap');

  const hit = await cache.match(key);
  if (hit) {
    const version = await readContentVersion(c.get('db'));
    if (hit.headers.get(VERSION_LABEL) === String(version)) {
      const headers = new Headers(hit.headers);
      headers.set(CACHE_STATUS, 'HIT');
      headers.set('Date', new Date().toUTCString());
      headers.delete('Age');
      c.res = answer(c.req.raw, headers, hit.body);
      return;
    }
    // Stale: render again. The version just read is a safe label (no newer than the data the
    // page is about to read), so the page's own batch need not read it again.
    await hit.body?.cancel();
    tap.version = version;
  } else {
    tap.armed = true;
  }

  await next();
  if (c.res.status !== 200) return;
  const body = await c.res.arrayBuffer();
  const headers = new Headers(c.res.headers);
  headers.set('ETag', `"${await digest(body)}"`);
  headers.set('Cache-Control', CACHE_CONTROL);
  // A page that read nothing from D1 has no label; it is cheap to render and is not stored.
  if (tap.version !== undefined) {
    const stored = new Headers(headers);
    stored.set(VERSION_LABEL, String(tap.version));
    const storing = cache.put(key, new Response(body, { status: 200, headers: stored }));
    try {
      c.executionCtx.waitUntil(storing);
    } catch {
      // No execution context (app.request() in a unit test): store before answering.
      await storing;
    }
  }
  headers.set(CACHE_STATUS, 'MISS');
  c.res = answer(c.req.raw, headers, body);
});
