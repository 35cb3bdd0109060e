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

/**
 * The policy, with img-src widened by the exact https origins a page names (an article's lead
 * image on its publisher's server, src/services/lead-image.ts); every other directive is fixed.
 */
export function buildContentSecurityPolicy(imageOrigins: readonly string[] = []): string {
  const images = imageOrigins.filter((origin) => /^https:\/\/[a-z0-9.-]+(?::\d+)?$/i.test(origin));
  return [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    ["img-src 'self'", ...new Set(images)].join(' '),
    // The web app manifest (/manifest.webmanifest); default-src 'none' would block it.
    "manifest-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

const CONTENT_SECURITY_POLICY = buildContentSecurityPolicy();

/** True when `policy` is one `buildContentSecurityPolicy` makes: at most img-src differs, by named origins. */
function isOwnPolicy(policy: string): boolean {
  const images = /(?:^|; )img-src 'self'((?: [^ ;]+)*)(?:;|$)/.exec(policy)?.[1]?.trim();
  return policy === buildContentSecurityPolicy(images ? images.split(' ') : []);
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
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
 * responses reach it as c.res). It sets the headers after the handler has run, on the copy the
 * app's innermost middleware made (app.tsx). A policy already on the response is kept
 * when this module could have built it (the article page widens img-src for its lead image):
 * it must survive the edge cache, which stores the handler's headers. Any other is replaced.
 */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const ownPolicy = c.res.headers.get('Content-Security-Policy');
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
  if (ownPolicy && isOwnPolicy(ownPolicy)) c.res.headers.set('Content-Security-Policy', ownPolicy);
});
