import { describe, expect, it } from 'vitest';
import { createUpstream, type Route } from './helpers/fake-upstream.ts';
import {
  computeNextPoll,
  countItemsPerWeek,
  MAX_INTERVAL_MS,
  MIN_INTERVAL_MS,
  parseRetryAfter,
} from '../src/workflows/ingestion/poll-schedule.ts';
import {
  fetchPolitely,
  FEED_MAX_BYTES,
  FEED_TYPES,
  FetchError,
  HostQueue,
  PAGE_MAX_BYTES,
  PAGE_TYPES,
  USER_AGENT,
  type FetchOptions,
} from '../src/workflows/ingestion/polite-fetch.ts';
import { RobotsCache } from '../src/workflows/ingestion/robots.ts';
import { checkFetchUrl, isPrivateHost } from '../src/workflows/ingestion/url-guard.ts';

const page = (url: string, fetch: FetchOptions['fetch']) =>
  fetchPolitely(url, {
    fetch,
    allowPrivate: false,
    maxBytes: PAGE_MAX_BYTES,
    accept: PAGE_TYPES,
    acceptHeader: 'text/html',
    failure: 'not_html',
  });

async function rejection(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FetchError) return error;
    throw error;
  }
  throw new Error('expected a FetchError');
}

describe('fetching politely', () => {
  it('names itself, sends the validators and returns a 304 without a body', async () => {
    const upstream = createUpstream({
      'https://kun.uz/feed': (request) =>
        request.headers.get('If-None-Match') === '"v1"' ? new Response(null, { status: 304 }) : new Response('x'),
    });
    const result = await fetchPolitely('https://kun.uz/feed', {
      fetch: upstream.fetch,
      allowPrivate: false,
      maxBytes: FEED_MAX_BYTES,
      accept: FEED_TYPES,
      acceptHeader: 'application/rss+xml',
      failure: 'not_feed',
      etag: '"v1"',
      lastModified: 'Sat, 20 Dec 2025 10:00:00 GMT',
    });
    expect(result.status).toBe(304);
    expect(result.bytes.byteLength).toBe(0);
    const sent = upstream.requests[0];
    expect(sent?.headers.get('User-Agent')).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/SilkDigestBot\/\d.*\+https:\/\//);
    expect(sent?.headers.get('If-Modified-Since')).toBe('Sat, 20 Dec 2025 10:00:00 GMT');
  });

  it('follows up to 5 redirects and reports the final URL', async () => {
    const routes: Record<string, Route> = {};
    for (let i = 0; i < 5; i++) {
      routes[`https://a.uz/${i}`] = () => new Response(null, { status: 301, headers: { Location: `/${i + 1}` } });
    }
    routes['https://a.uz/5'] = () => new Response('<p>ok</p>', { headers: { 'Content-Type': 'text/html' } });
    const upstream = createUpstream(routes);
    const result = await page('https://a.uz/0', upstream.fetch);
    expect(result).toMatchObject({ status: 200, url: 'https://a.uz/5', requests: 6 });
    routes['https://a.uz/5'] = () => new Response(null, { status: 302, headers: { Location: '/6' } });
    expect((await rejection(page('https://a.uz/0', upstream.fetch))).reason).toBe('too_many_redirects');
  });

  it('stops a redirect loop at once', async () => {
    const upstream = createUpstream({
      'https://a.uz/x': () => new Response(null, { status: 302, headers: { Location: 'https://a.uz/y' } }),
      'https://a.uz/y': () => new Response(null, { status: 302, headers: { Location: 'https://a.uz/x' } }),
    });
    const error = await rejection(page('https://a.uz/x', upstream.fetch));
    expect(error.reason).toBe('too_many_redirects');
    expect(error.message).toContain('loop');
    expect(upstream.requests).toHaveLength(2);
  });

  it('refuses a redirect into a private network or to another scheme', async () => {
    const upstream = createUpstream({
      'https://a.uz/meta': () =>
        new Response(null, { status: 302, headers: { Location: 'http://169.254.169.254/latest' } }),
      'https://a.uz/ftp': () => new Response(null, { status: 302, headers: { Location: 'ftp://a.uz/file' } }),
    });
    await expect(page('https://a.uz/meta', upstream.fetch)).rejects.toThrow(/private or local/);
    await expect(page('https://a.uz/ftp', upstream.fetch)).rejects.toThrow(/only http and https/);
    expect(upstream.requests.map((request) => request.url)).toEqual(['https://a.uz/meta', 'https://a.uz/ftp']);
  });

  it('stops reading a 20 MiB page at the 3 MiB cap', async () => {
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const upstream = createUpstream({
      'https://a.uz/huge': () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              if (sent >= 20 * 1024 * 1024) return controller.close();
              sent += chunk.byteLength;
              controller.enqueue(chunk);
            },
          }),
          { headers: { 'Content-Type': 'text/html' } },
        ),
    });
    const error = await rejection(page('https://a.uz/huge', upstream.fetch));
    expect(error.reason).toBe('too_large');
    expect(sent).toBeLessThan(4 * 1024 * 1024);
  });

  it('counts the cap after decompression: a gzip bomb stops at 3 MiB of output', async () => {
    // 64 MiB of zeros gzip to about 64 KB; the runtime inflates as the body streams, as here.
    const zeros = new Uint8Array(1024 * 1024);
    const compressed = await new Response(
      new ReadableStream({
        start(controller) {
          for (let i = 0; i < 64; i++) controller.enqueue(zeros);
          controller.close();
        },
      }).pipeThrough(new CompressionStream('gzip')),
    ).arrayBuffer();
    expect(compressed.byteLength).toBeLessThan(PAGE_MAX_BYTES / 10);
    const upstream = createUpstream({
      'https://a.uz/bomb': () =>
        new Response(new Response(compressed).body?.pipeThrough(new DecompressionStream('gzip')), {
          headers: { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' },
        }),
    });
    expect((await rejection(page('https://a.uz/bomb', upstream.fetch))).reason).toBe('too_large');
  });

  it('refuses a page that is not HTML', async () => {
    const upstream = createUpstream({
      'https://a.uz/file.pdf': () => new Response('%PDF-1.7', { headers: { 'Content-Type': 'application/pdf' } }),
    });
    expect((await rejection(page('https://a.uz/file.pdf', upstream.fetch))).reason).toBe('not_html');
  });

  it('returns 429 and 503 with their headers for the scheduler', async () => {
    const upstream = createUpstream({
      'https://a.uz/busy': () => new Response('slow down', { status: 429, headers: { 'Retry-After': '7200' } }),
    });
    const result = await page('https://a.uz/busy', upstream.fetch);
    expect(result.status).toBe(429);
    expect(parseRetryAfter(result.headers.get('Retry-After'), 0)).toBe(7200);
  });

  it('runs one request at a time per host', async () => {
    const queue = new HostQueue();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`end ${name}`);
    };
    await Promise.all([
      queue.run('https://a.uz/1', task('a1', 20)),
      queue.run('https://a.uz/2', task('a2', 1)),
      queue.run('https://b.jp/1', task('b1', 1)),
    ]);
    expect(log.indexOf('start a2')).toBeGreaterThan(log.indexOf('end a1'));
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
  });
});

describe('robots.txt', () => {
  it('is read once per host and obeyed for our user agent', async () => {
    const upstream = createUpstream({
      'https://kun.uz/robots.txt': () =>
        new Response('User-agent: *\nDisallow: /private/\n\nUser-agent: SilkDigestBot\nDisallow: /no-bots/\n', {
          headers: { 'Content-Type': 'text/plain' },
        }),
    });
    const robots = new RobotsCache(upstream.fetch, false);
    expect(await robots.isAllowed('https://kun.uz/news/1')).toBe(true);
    expect(await robots.isAllowed('https://kun.uz/no-bots/1')).toBe(false);
    // Our own group applies, not the wildcard one.
    expect(await robots.isAllowed('https://kun.uz/private/1')).toBe(true);
    expect(upstream.requests).toHaveLength(1);
  });

  it('allows everything when robots.txt is missing', async () => {
    const robots = new RobotsCache(createUpstream({}).fetch, false);
    expect(await robots.isAllowed('https://daryo.uz/anything')).toBe(true);
  });
});

describe('the SSRF guard', () => {
  it('refuses private, loopback, link-local and local-only hosts', () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://10.1.2.3/',
      'http://172.20.0.1/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://localhost:8787/',
      'http://printer.local/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://intranet/',
    ]) {
      expect(isPrivateHost(new URL(url)), url).toBe(true);
      expect(() => checkFetchUrl(url, false), url).toThrow();
      expect(checkFetchUrl(url, true).href).toBe(new URL(url).href);
    }
  });

  it('lets public hosts through and refuses other schemes and credentials', () => {
    expect(checkFetchUrl('https://www.mofa.go.jp/rss.xml', false).host).toBe('www.mofa.go.jp');
    expect(isPrivateHost(new URL('http://172.32.0.1/'))).toBe(false);
    expect(() => checkFetchUrl('file:///etc/passwd', true)).toThrow(/only http and https/);
    expect(() => checkFetchUrl('https://user:pw@kun.uz/', false)).toThrow(/credentials/);
  });
});

describe('poll scheduling', () => {
  const now = Date.parse('2025-12-20T12:00:00Z');
  it('follows the feed’s rhythm within [30 min, 24 h]', () => {
    expect(computeNextPoll({ now, itemsPerWeek: 7, consecutiveFailures: 0 }) - now).toBe(MAX_INTERVAL_MS);
    expect(computeNextPoll({ now, itemsPerWeek: 84, consecutiveFailures: 0 }) - now).toBe(2 * 60 * 60_000);
    expect(computeNextPoll({ now, itemsPerWeek: 5000, consecutiveFailures: 0 }) - now).toBe(MIN_INTERVAL_MS);
    expect(computeNextPoll({ now, itemsPerWeek: 0, consecutiveFailures: 0 }) - now).toBe(MAX_INTERVAL_MS);
  });

  it('waits at least what the publisher asks (ttl, max-age, Retry-After)', () => {
    expect(computeNextPoll({ now, itemsPerWeek: 5000, ttlMinutes: 120, consecutiveFailures: 0 }) - now).toBe(7_200_000);
    expect(computeNextPoll({ now, itemsPerWeek: 5000, maxAgeSeconds: 3600, consecutiveFailures: 0 }) - now).toBe(
      3_600_000,
    );
    expect(computeNextPoll({ now, itemsPerWeek: null, retryAfterSeconds: 10 ** 6, consecutiveFailures: 1 }) - now).toBe(
      MAX_INTERVAL_MS,
    );
  });

  it('backs off exponentially after failures', () => {
    const gaps = [1, 2, 3, 4, 6].map(
      (failures) => computeNextPoll({ now, itemsPerWeek: 100, consecutiveFailures: failures }) - now,
    );
    expect(gaps.map((gap) => gap / 60_000)).toEqual([30, 60, 120, 240, 960]);
    expect(computeNextPoll({ now, itemsPerWeek: 100, consecutiveFailures: 9 }) - now).toBe(MAX_INTERVAL_MS);
    expect(computeNextPoll({ now, itemsPerWeek: null, retryAfterSeconds: 5400, consecutiveFailures: 1 }) - now).toBe(
      5_400_000,
    );
  });

  it('counts items of the last week and reads Retry-After dates', () => {
    expect(countItemsPerWeek(['2025-12-19T00:00:00Z', '2025-12-01T00:00:00Z', null], now)).toBe(1);
    expect(countItemsPerWeek([null], now)).toBeNull();
    expect(parseRetryAfter('Sat, 20 Dec 2025 13:00:00 GMT', now)).toBe(3600);
  });
});
