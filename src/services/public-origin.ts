/**
 * The site's absolute URLs. In production PUBLIC_ORIGIN (e.g. https://silkdigest.example) is the
 * one origin every absolute URL uses (feeds, canonical and hreflang links, the sitemap, Open
 * Graph, the API's `url` fields) and every cache key: the request is re-addressed to it before
 * the app sees it, so a forged Host header, plain http or the workers.dev name can neither put
 * another origin into a page nor give a page a second cache entry. Without it (local
 * development, the tests) the request's own origin is used.
 */

/** The configured origin, checked: scheme and host only, no path, query or credentials. */
export function parsePublicOrigin(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const bare = url && (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
  if (!url || !bare || url.origin !== value.replace(/\/$/, '')) {
    // A configuration error, not a reader's: fail loudly rather than publish wrong URLs.
    throw new Error(`PUBLIC_ORIGIN must be an origin such as https://example.org, not ${JSON.stringify(value)}`);
  }
  return url.origin;
}

/** The request as if it had been sent to the public origin (the same request when none is set). */
export function toPublicRequest(request: Request, publicOrigin: string | undefined): Request {
  const origin = parsePublicOrigin(publicOrigin);
  if (origin === undefined) return request;
  const url = new URL(request.url);
  if (url.origin === origin) return request;
  return new Request(`${origin}${url.pathname}${url.search}`, request);
}

/**
 * A feed id that never changes with the scheme a reader happened to use: the page's URL with
 * https. Behind PUBLIC_ORIGIN (https) it is the page's URL itself.
 */
export function toStableId(url: string): string {
  return url.replace(/^http:/i, 'https:');
}
