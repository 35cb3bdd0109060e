/**
 * What caches, API clients and a curious attacker see: one cache entry per page whatever the
 * query's noise, headers that are true for caches outside the Worker, 405 with Allow, strict
 * numbers, invalid UTF-8 refused, and the API's validators and CORS-exposed headers.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/db/client.ts';
import { searchDocuments } from '../src/db/search.ts';
import { createD1Stats, instrumentSession } from '../src/db/session.ts';
import worker from '../src/index.ts';
import { parseSearchQuery } from '../src/services/search-query.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { ORIGIN } from './helpers/http.ts';

async function fetchWorker(path: string, init: RequestInit = {}, bindings: Env = env): Promise<Response> {
  const ctx = createExecutionContext();
  const url = path.startsWith('http') ? path : `${ORIGIN}${path}`;
  const response = await worker.fetch(new Request(url, { redirect: 'manual', ...init }), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

function rowsRead(response: Response): number {
  const match = /rows-read=(\d+)/.exec(response.headers.get('Server-Timing') ?? '');
  if (!match) throw new Error('no D1 timing');
  return Number(match[1]);
}

beforeAll(async () => {
  await seedTestCorpus(env.DB);
  await worker.scheduled(
    createScheduledController({ scheduledTime: new Date('2025-12-22T06:00:00Z'), cron: '0 6 * * 1' }),
    env,
  );
});

describe('cache keys', () => {
  it.each([
    ['/en/', ['/en/?x=22366', '/en/?', '/en/?page=1', '/en/?page=01&utm_source=x']],
    ['/en/feed.xml', ['/en/feed.xml?a=1', '/en/feed.xml?page=2', '/en/feed.xml?']],
    [
      '/ja/search?q=Tokyo&page=1',
      ['/ja/search?page=1&q=Tokyo', '/ja/search?q=Tokyo&x=1', '/ja/search?q=Tokyo&q=Osaka'],
    ],
    ['/api/v1/en/articles?limit=5', ['/api/v1/en/articles?limit=005&x=1', '/api/v1/en/articles?z=1&limit=5']],
  ])('%s: query noise, order and spelling hit the same entry', async (canonical, variants) => {
    const first = await fetchWorker(canonical);
    expect(first.status).toBe(200);
    for (const variant of variants) {
      const response = await fetchWorker(variant);
      expect(response.headers.get('X-Cache'), variant).toBe('HIT');
      expect(rowsRead(response), variant).toBe(1);
      expect(response.headers.get('ETag'), variant).toBe(first.headers.get('ETag'));
    }
  });

  it('a parameter the route reads still makes its own entry', async () => {
    await fetchWorker('/uz/search?q=Toshkent');
    expect((await fetchWorker('/uz/search?q=Samarqand')).headers.get('X-Cache')).toBe('MISS');
    expect((await fetchWorker('/uz/search?q=Samarqand&page=2')).headers.get('X-Cache')).toBe('MISS');
  });

  it('another Host shares the public origin’s entry when PUBLIC_ORIGIN is set', async () => {
    const bindings = { ...env, PUBLIC_ORIGIN: 'https://silk.example' };
    await fetchWorker('https://silk.example/ja/weeks/', {}, bindings);
    const other = await fetchWorker('http://EVIL.example/ja/weeks/', {}, bindings);
    expect(other.headers.get('X-Cache')).toBe('HIT');
    expect(await other.text()).not.toMatch(/evil/i);
  });
});

describe('cache headers', () => {
  it('promise other caches no more than a minute, and a hit carries the current Date and no Age', async () => {
    const miss = await fetchWorker('/uz-Cyrl/weeks/2025-W51');
    expect(miss.headers.get('Cache-Control')).toBe('public, max-age=60');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const hit = await fetchWorker('/uz-Cyrl/weeks/2025-W51');
    expect(hit.headers.get('X-Cache')).toBe('HIT');
    expect(hit.headers.get('Cache-Control')).toBe('public, max-age=60');
    expect(hit.headers.get('Age')).toBeNull();
    const date = Date.parse(hit.headers.get('Date') ?? '');
    expect(Math.abs(Date.now() - date)).toBeLessThan(1000);
  });
});

describe('methods', () => {
  it.each([
    ['POST', '/api/v1/en/articles', 'GET, HEAD, OPTIONS'],
    ['DELETE', '/api/v1/ja/weeks/2025-W51', 'GET, HEAD, OPTIONS'],
    ['DELETE', '/en/feed.xml', 'GET, HEAD'],
    ['PUT', '/uz/articles/mirziyoyev-and-takaichi-hold-talks-in-tokyo', 'GET, HEAD'],
    ['POST', '/ja/search', 'GET, HEAD'],
  ])('%s %s answers 405 with Allow', async (method, path, allow) => {
    const response = await fetchWorker(path, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe(allow);
    if (path.startsWith('/api/')) {
      expect(await response.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    } else {
      expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    }
  });

  it('an unknown path stays a 404 whatever the method', async () => {
    expect((await fetchWorker('/api/v1/en/nothing', { method: 'POST' })).status).toBe(404);
    expect((await fetchWorker('/en/nothing', { method: 'DELETE' })).status).toBe(404);
  });
});

describe('the API', () => {
  it.each(['0x10', '1e1', '%205', '5%20', '-1', '0', '101', '1.0'])('limit=%s is refused with 400', async (limit) => {
    const response = await fetchWorker(`/api/v1/en/articles?limit=${limit}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_request' } });
  });

  it('counts in plain digits are accepted', async () => {
    const body = await (await fetchWorker('/api/v1/en/articles?limit=2')).json<{ items: unknown[] }>();
    expect(body.items).toHaveLength(2);
    expect((await fetchWorker('/api/v1/en/search?q=Tokyo&page=1e0')).status).toBe(400);
  });

  it('refuses a query that is not valid UTF-8 instead of searching for its escapes', async () => {
    const api = await fetchWorker('/api/v1/en/search?q=%FF%FE');
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({ error: { code: 'invalid_request' } });
    const page = await fetchWorker('/ja/search?q=%FF%FE');
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('UTF-8');
  });

  it('sends validators and Cache-Control, and answers If-None-Match with 304', async () => {
    const first = await fetchWorker('/api/v1/ja/weeks/2025-W51');
    const etag = first.headers.get('ETag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.headers.get('Cache-Control')).toBe('public, max-age=60');
    const again = await fetchWorker('/api/v1/ja/weeks/2025-W51', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('lets a browser client read the bookmark and the ETag (CORS)', async () => {
    const response = await fetchWorker('/api/v1/en/articles', { headers: { Origin: 'https://app.example' } });
    const exposed = (response.headers.get('Access-Control-Expose-Headers') ?? '').toLowerCase().split(/,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['etag', 'x-d1-bookmark']));
  });

  it('never echoes a bookmark that does not have D1’s shape', async () => {
    for (const forged of ['1-2', 'ffff-ffff', `${'0'.repeat(8)}-${'0'.repeat(8)}-zzzzzzzz-${'0'.repeat(32)}`]) {
      const response = await fetchWorker('/api/v1/en/articles?limit=1', { headers: { 'x-d1-bookmark': forged } });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-d1-bookmark')).not.toBe(forged);
    }
  });
});

describe('short search terms', () => {
  it('a lone letter costs no scan of the index', async () => {
    const lone = await fetchWorker('/en/search?q=a');
    const word = await fetchWorker('/en/search?q=samarkand');
    expect(lone.status).toBe(200);
    expect(rowsRead(lone)).toBeLessThanOrEqual(rowsRead(word));
  });

  it('terms shorter than a trigram scan a bounded number of index rows, however big the index', async () => {
    const stats = createD1Stats();
    const db = createDb(instrumentSession(env.DB.withSession('first-unconstrained'), stats));
    const [all] = await env.DB.batch([env.DB.prepare('SELECT count(*) AS n FROM search_index')]);
    const indexRows = (all?.results[0] as { n: number }).n;
    const query = parseSearchQuery('an');
    await searchDocuments(db, query, 'en', 1, 10, indexRows);
    const whole = stats.rowsRead;
    stats.rowsRead = 0;
    const bounded = await searchDocuments(db, query, 'en', 1, 10, 3);
    expect(indexRows).toBeGreaterThan(6);
    // At most the 3 newest texts can match, and fewer rows are read than by a scan of them all.
    expect(bounded.total).toBeLessThanOrEqual(3);
    expect(stats.rowsRead).toBeLessThan(whole);
  });
});
