/**
 * Conditional GET for pages and feeds: a strong ETag over the exact bytes (so it changes
 * exactly when the content does) and Last-Modified where the handler knows it; a matching
 * If-None-Match, or If-Modified-Since without one, gets a 304 with no body.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';

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

export const conditionalGet = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return;
  if (c.res.status !== 200) return;
  const body = await c.res.clone().arrayBuffer();
  const etag = `"${await digest(body)}"`;
  const headers = new Headers(c.res.headers);
  headers.set('ETag', etag);
  const lastModified = headers.get('Last-Modified');
  const ifNoneMatch = c.req.header('If-None-Match');
  const ifModifiedSince = c.req.header('If-Modified-Since');
  let notModified = false;
  if (ifNoneMatch !== undefined) notModified = matchesEtag(ifNoneMatch, etag);
  else if (ifModifiedSince && lastModified) {
    const since = Date.parse(ifModifiedSince);
    notModified = Number.isFinite(since) && Date.parse(lastModified) <= since;
  }
  if (notModified) {
    headers.delete('Content-Length');
    headers.delete('Content-Type');
    c.res = new Response(null, { status: 304, headers });
    return;
  }
  c.res = new Response(body, { status: 200, headers });
});
