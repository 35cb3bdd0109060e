/**
 * Every outbound request of ingestion goes through `fetchPolitely`: a User-Agent that names the
 * service and a contact URL, the SSRF guard on the URL and on every redirect (followed by hand,
 * at most 5, loops refused), a timeout, a content-type check and a cap on the bytes read,
 * counted after decompression (workerd inflates gzip/brotli as the body streams, so the cap
 * stops a gzip bomb after the cap's worth of output, not after it has all been inflated).
 * Requests to one host are made one at a time (`HostQueue`). The fetch function is injected, so
 * the tests fake the upstream without any network.
 */
import { BlockedUrlError, checkFetchUrl } from './url-guard.ts';

export const USER_AGENT = 'SilkDigestBot/1.0 (+https://github.com/silk-digest/silk-digest#ingestion)';
const MAX_REDIRECTS = 5;
export const FEED_MAX_BYTES = 5 * 1024 * 1024;
export const PAGE_MAX_BYTES = 3 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 15_000;

export type FetchFunction = (request: Request) => Promise<Response>;

/** Why a fetch produced no usable body; the skip reasons of the poll report reuse these. */
export type FetchFailure = 'blocked' | 'too_large' | 'not_html' | 'not_feed' | 'fetch_failed' | 'too_many_redirects';

export class FetchError extends Error {
  override name = 'FetchError';
  readonly reason: FetchFailure;
  readonly status: number | null;

  constructor(reason: FetchFailure, message: string, status: number | null = null) {
    super(message);
    this.reason = reason;
    this.status = status;
  }
}

export interface FetchOptions {
  fetch: FetchFunction;
  allowPrivate: boolean;
  maxBytes: number;
  /** Content types accepted (lower case, without parameters); a 2xx of another type fails. */
  accept: readonly string[];
  acceptHeader: string;
  failure: 'not_html' | 'not_feed';
  etag?: string | null | undefined;
  lastModified?: string | null | undefined;
  timeoutMs?: number;
}

export interface FetchedBody {
  status: number;
  /** The URL after redirects. */
  url: string;
  headers: Headers;
  /** Empty for 304 and for errors whose body is not read. */
  bytes: Uint8Array;
  /** Subrequests this fetch made (redirects count). */
  requests: number;
}

export const FEED_TYPES = [
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
  'application/feed+json',
  'application/json',
  // Many servers send feeds as text/html or text/plain; the parser decides.
  'text/html',
  'text/plain',
  'application/octet-stream',
];
export const PAGE_TYPES = ['text/html', 'application/xhtml+xml'];

/** Reads at most `maxBytes`, cancelling the stream beyond: a 20 MiB page costs 3 MiB. */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('Content-Length'));
  if (Number.isFinite(declared) && declared > maxBytes && !response.headers.has('Content-Encoding')) {
    await response.body?.cancel();
    throw new FetchError('too_large', `Content-Length ${declared} is over the ${maxBytes}-byte cap`, response.status);
  }
  if (!response.body) return new Uint8Array();
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new FetchError('too_large', `the body is over the ${maxBytes}-byte cap`, response.status);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function mediaType(response: Response): string {
  return (response.headers.get('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export async function fetchPolitely(url: string, options: FetchOptions): Promise<FetchedBody> {
  try {
    return await fetchFollowing(url, options);
  } catch (error) {
    if (error instanceof BlockedUrlError) throw new FetchError('blocked', error.message);
    throw error;
  }
}

async function fetchFollowing(url: string, options: FetchOptions): Promise<FetchedBody> {
  const seen = new Set<string>();
  let target = checkFetchUrl(url, options.allowPrivate);
  const signal = AbortSignal.timeout(options.timeoutMs ?? FETCH_TIMEOUT_MS);
  for (let requests = 1; ; requests++) {
    seen.add(target.href);
    const headers = new Headers({ 'User-Agent': USER_AGENT, Accept: options.acceptHeader });
    if (options.etag) headers.set('If-None-Match', options.etag);
    if (options.lastModified) headers.set('If-Modified-Since', options.lastModified);
    let response: Response;
    try {
      response = await options.fetch(new Request(target.href, { headers, redirect: 'manual', signal }));
    } catch (error) {
      throw new FetchError('fetch_failed', `${target.host}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (response.status >= 300 && response.status < 400 && response.status !== 304) {
      await response.body?.cancel();
      const location = response.headers.get('Location');
      if (!location)
        throw new FetchError('fetch_failed', `redirect ${response.status} without Location`, response.status);
      if (requests > MAX_REDIRECTS) throw new FetchError('too_many_redirects', `more than ${MAX_REDIRECTS} redirects`);
      const next = checkFetchUrl(new URL(location, target).href, options.allowPrivate);
      if (seen.has(next.href)) throw new FetchError('too_many_redirects', `redirect loop at ${next.href}`);
      target = next;
      continue;
    }
    if (response.status === 304 || response.status >= 400) {
      await response.body?.cancel();
      return {
        status: response.status,
        url: target.href,
        headers: response.headers,
        bytes: new Uint8Array(),
        requests,
      };
    }
    const type = mediaType(response);
    if (type !== '' && !options.accept.includes(type)) {
      await response.body?.cancel();
      throw new FetchError(options.failure, `content type ${type} is not accepted here`, response.status);
    }
    try {
      const bytes = await readCapped(response, options.maxBytes);
      return { status: response.status, url: target.href, headers: response.headers, bytes, requests };
    } catch (error) {
      if (error instanceof FetchError) throw error;
      throw new FetchError('fetch_failed', `${target.host}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Runs one task per host at a time; tasks for other hosts run alongside. */
export class HostQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(url: string, task: () => Promise<T>): Promise<T> {
    const host = new URL(url).host;
    const previous = this.#tails.get(host) ?? Promise.resolve();
    const result = previous.then(task, task);
    this.#tails.set(
      host,
      result.catch(() => undefined),
    );
    return result;
  }
}
