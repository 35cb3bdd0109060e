/**
 * THE RULE for every GET route of the site (pages, feeds, the JSON API): its cache key is its
 * path plus only the query parameters its handler reads, listed here, in this order, each
 * with its first value (the one `c.req.query()` returns) in one canonical form. Any other
 * parameter, another order, a bare `?`, a repeated parameter or another spelling of the same
 * number maps to the same key, so none of them can buy a fresh render and a D1 read. The
 * handler must read nothing else from the query: a parameter it reads but this table omits
 * would be served from another request's entry.
 *
 * The table also says which paths exist for GET, so any other method gets 405 with `Allow`
 * there instead of a 404 (src/routes/method-not-allowed.ts). A new route (e.g. /subscribe,
 * /about, topic feeds) adds its line here, with the parameters it reads ([] for none).
 */

import { EDITIONS } from '../services/languages.ts';

export interface ReadRoute {
  /** The path, without the query; `:name` matches one path segment. */
  pattern: string;
  /** Query parameters the handler reads, in key order; with a canonicaliser where one applies. */
  params: readonly string[];
}

const SEGMENT = '[^/]+';
// Only real editions: /api/v1/admin/… is never a read route, and an unknown edition is a 404.
const LANG = `(?:${EDITIONS.map((lang) => lang.replace('-', '\\-')).join('|')})`;
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const READ_ROUTES: readonly ReadRoute[] = [
  { pattern: '/:lang/', params: ['page'] },
  { pattern: '/:lang/articles/:slug', params: [] },
  { pattern: '/:lang/weeks/', params: [] },
  { pattern: '/:lang/weeks/:week', params: [] },
  { pattern: '/:lang/feed.xml', params: [] },
  { pattern: '/:lang/feed.atom', params: [] },
  { pattern: '/:lang/feed.json', params: [] },
  { pattern: '/:lang/search', params: ['q', 'page'] },
  { pattern: '/:lang/topics/', params: [] },
  { pattern: '/:lang/topics/:topic', params: ['page'] },
  { pattern: '/:lang/entities/:slug', params: ['page'] },
  { pattern: '/:lang/topics/:topic/feed.xml', params: [] },
  { pattern: '/:lang/topics/:topic/feed.atom', params: [] },
  { pattern: '/:lang/topics/:topic/feed.json', params: [] },
  // They read no D1 (the cache keeps nothing for them), but they take GET and HEAD only.
  { pattern: '/:lang/subscribe', params: [] },
  { pattern: '/:lang/about', params: [] },
  { pattern: '/api/v1/:lang/articles', params: ['cursor', 'limit'] },
  { pattern: '/api/v1/:lang/articles/:slug', params: [] },
  { pattern: '/api/v1/:lang/weeks/:week', params: [] },
  { pattern: '/api/v1/:lang/search', params: ['q', 'page'] },
  { pattern: '/sitemap.xml', params: [] },
  { pattern: '/sitemap-:number.xml', params: [] },
  // Constant files (routes/identity.ts; the images are static assets in public/): not cached by
  // the Worker, but GET and HEAD only.
  { pattern: '/robots.txt', params: [] },
  { pattern: '/manifest.webmanifest', params: [] },
];

/** Canonical forms: a value the handler reads the same way gets the same key. */
function canonicalise(name: string, value: string): string | undefined {
  if (name === 'page') {
    // As parsePage (services/paging.ts) reads it: 1–999999, "1" being the same page as no parameter at all.
    if (!/^\d{1,6}$/.test(value)) return 'invalid';
    const page = Number(value);
    return page === 1 ? undefined : String(page);
  }
  if (name === 'limit') return /^\d{1,4}$/.test(value) ? String(Number(value)) : 'invalid';
  return value;
}

const COMPILED = READ_ROUTES.map((route) => ({
  route,
  // ":lang" matches an edition, any other ":name" one path segment; the rest is literal.
  regex: new RegExp(
    `^${escape(route.pattern).replace(/:([a-z]+)/gi, (_, name: string) => (name === 'lang' ? LANG : SEGMENT))}$`,
  ),
}));

/** The read route a path belongs to, if any (the path as the runtime gives it, still encoded). */
export function findReadRoute(pathname: string): ReadRoute | undefined {
  return COMPILED.find((entry) => entry.regex.test(pathname))?.route;
}

/** Percent-decoding that fails on invalid UTF-8 instead of guessing, with `+` as a space (forms). */
function decodeStrict(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/**
 * The first value (the one `c.req.query()` returns) of each of `names`, decoded; parameters
 * not listed are never looked at, so junk in them cannot change a key. `invalid` names a
 * listed parameter that is not valid percent-encoded UTF-8: the request is refused with 400
 * (src/routes/read-routes-guard.ts), since any guess would let two requests share an entry.
 */
export function readQuery(
  search: string,
  names: readonly string[],
): { values: Map<string, string>; invalid?: string | undefined } {
  const values = new Map<string, string>();
  for (const pair of search.replace(/^\?/, '').split('&')) {
    const [rawName = '', ...rest] = pair.split('=');
    const name = decodeStrict(rawName);
    if (name === null || !names.includes(name) || values.has(name)) continue;
    const value = decodeStrict(rest.join('='));
    if (value === null) return { values, invalid: name };
    values.set(name, value);
  }
  return { values };
}

/**
 * The cache key of a GET request to a read route: origin, path, the route's parameters in
 * canonical form, and the deployed build (a page rendered by another version may differ in
 * markup). Null when the path is no read route or a parameter is not valid UTF-8: not cached.
 */
export function buildCacheKey(url: string, build: string): string | null {
  const parsed = new URL(url);
  const route = findReadRoute(parsed.pathname);
  if (!route) return null;
  const { values, invalid } = readQuery(parsed.search, route.params);
  if (invalid !== undefined) return null;
  const parts: string[] = [];
  for (const name of route.params) {
    const value = values.get(name);
    const canonical = value === undefined ? undefined : canonicalise(name, value);
    if (canonical !== undefined) parts.push(`${name}=${encodeURIComponent(canonical)}`);
  }
  parts.push(`__build=${encodeURIComponent(build)}`);
  return `${parsed.origin}${parsed.pathname}?${parts.join('&')}`;
}
