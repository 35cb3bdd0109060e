/**
 * Security headers on every response: pages, feeds, the API, redirects, errors and edge cache
 * hits alike. The pages run no JavaScript, so the policy allows nothing but the one inline
 * stylesheet (by its hash, never 'unsafe-inline'), same-origin images (the favicon) and the
 * search form posting back here. Feeds and JSON get the same headers: harmless there, and a
 * browser that is tricked into rendering one as HTML still runs nothing.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import { STYLE_HASH } from '../generated/style-hash.ts';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${STYLE_HASH}`,
  "img-src 'self'",
  // The web app manifest (/manifest.webmanifest); default-src 'none' would block it.
  "manifest-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  // Superseded by frame-ancestors, kept for browsers that predate CSP level 2.
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
};

/**
 * Registered first, so it wraps everything else (including notFound and onError, whose
 * responses reach it as c.res). It sets the headers after the handler has run, on a copy:
 * responses from the cache have immutable headers.
 */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  c.res = new Response(c.res.body, c.res);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
});
