import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { ORIGIN } from './helpers/http.ts';

const ARTICLE = 'uzbekistan-japan-exploring-bilateral-cooperation-prospects';

/** A request through the Worker, waiting for its background work (cache writes, rebuilds). */
async function fetchPage(path: string, init: RequestInit = {}, bindings: Env = env): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`${ORIGIN}${path}`, init), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

function d1Cost(response: Response): { roundTrips: number; rowsRead: number } {
  const timing = response.headers.get('Server-Timing') ?? '';
  const match = /round-trips=(\d+) rows-read=(\d+)/.exec(timing);
  if (!match) throw new Error(`no D1 timing in "${timing}"`);
  return { roundTrips: Number(match[1]), rowsRead: Number(match[2]) };
}

beforeAll(async () => {
  await seedTestCorpus(env.DB);
  await worker.scheduled(
    createScheduledController({ scheduledTime: new Date('2025-12-22T06:00:00Z'), cron: '0 6 * * 1' }),
    env,
  );
});

describe('edge cache', () => {
  it.each(['/en/', `/uz-Cyrl/articles/${ARTICLE}`, '/ja/weeks/2025-W51', '/uz/feed.xml', '/en/search?q=Tokyo'])(
    '%s: rendered once, then served from the cache with the same bytes and ETag',
    async (path) => {
      const first = await fetchPage(path);
      expect(first.status).toBe(200);
      expect(first.headers.get('X-Cache')).toBe('MISS');
      expect(first.headers.get('Cache-Control')).toBe('public, max-age=60');
      const second = await fetchPage(path);
      expect(second.headers.get('X-Cache')).toBe('HIT');
      expect(second.headers.get('ETag')).toBe(first.headers.get('ETag'));
      expect(await second.text()).toBe(await first.text());
      // A hit reads the one-row content version and nothing else.
      expect(d1Cost(second)).toEqual({ roundTrips: 1, rowsRead: 1 });
    },
  );

  it('answers a revalidation with 304 from the cache, without rendering', async () => {
    const first = await fetchPage('/en/weeks/');
    const etag = first.headers.get('ETag') ?? '';
    const revalidated = await fetchPage('/en/weeks/', { headers: { 'If-None-Match': etag } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    expect(d1Cost(revalidated).roundTrips).toBe(1);
  });

  it('makes every page stale at once when content changes, and keeps exact ETags', async () => {
    const article = await fetchPage(`/en/articles/${ARTICLE}`);
    const unrelated = await fetchPage('/ja/weeks/2022-W15');
    const unrelatedEtag = unrelated.headers.get('ETag') ?? '';
    await fetchPage(`/en/articles/${ARTICLE}`); // now cached

    const id = (await env.DB.prepare('SELECT id, revision FROM documents WHERE slug = ?1')
      .bind(ARTICLE)
      .first<{ id: number; revision: number }>())!;
    const edit = await fetchPage(`/api/v1/admin/documents/${id.id}`, {
      method: 'PATCH',
      headers: { Authorization: 'Bearer test-admin-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({ revision: id.revision, headline: 'Uzbekistan and Japan weigh new cooperation' }),
    });
    expect(edit.status).toBe(200);

    const fresh = await fetchPage(`/en/articles/${ARTICLE}`);
    expect(fresh.headers.get('X-Cache')).toBe('MISS');
    expect(await fresh.text()).toContain('Uzbekistan and Japan weigh new cooperation');
    expect(fresh.headers.get('ETag')).not.toBe(article.headers.get('ETag'));
    // A page the edit did not change is rendered again but keeps its ETag: a feed reader's
    // revalidation still gets a 304.
    const again = await fetchPage('/ja/weeks/2022-W15', { headers: { 'If-None-Match': unrelatedEtag } });
    expect(again.status).toBe(304);
  });

  it('is not made stale by writes that change nothing', async () => {
    await fetchPage('/en/topics/');
    await seedTestCorpus(env.DB);
    expect((await fetchPage('/en/topics/')).headers.get('X-Cache')).toBe('HIT');
  });

  it('never serves a page rendered by another deployed version', async () => {
    await fetchPage('/en/weeks/2025-W34');
    expect((await fetchPage('/en/weeks/2025-W34')).headers.get('X-Cache')).toBe('HIT');
    const deployed = { ...env, CF_VERSION_METADATA: { id: 'next-version', tag: '', timestamp: '' } };
    expect((await fetchPage('/en/weeks/2025-W34', {}, deployed)).headers.get('X-Cache')).toBe('MISS');
  });

  it('never caches errors', async () => {
    await fetchPage('/en/articles/no-such-article');
    const again = await fetchPage('/en/articles/no-such-article');
    expect(again.status).toBe(404);
    expect(again.headers.get('X-Cache')).toBeNull();
  });
});

describe('D1 sessions', () => {
  it('returns the session bookmark and accepts it back; a malformed one is ignored', async () => {
    const page = await fetchPage('/en/');
    const bookmark = page.headers.get('x-d1-bookmark');
    expect(bookmark).toBeTruthy();
    const withBookmark = await fetchPage('/en/', { headers: { 'x-d1-bookmark': bookmark ?? '' } });
    expect(withBookmark.status).toBe(200);
    const junk = await fetchPage('/en/', { headers: { 'x-d1-bookmark': "'; DROP TABLE documents; --" } });
    expect(junk.status).toBe(200);
  });
});

describe('one D1 round trip per page view', () => {
  // A deployed build of its own per page (part of the cache key), so every page is a miss here:
  // query strings the routes ignore no longer make a URL distinct (read-routes.ts).
  it.each([
    '/en/?page=1',
    `/uz/articles/${ARTICLE}`,
    '/ja/weeks/2025-W51',
    '/uz-Cyrl/weeks/',
    '/en/feed.xml',
    '/ja/feed.json',
    '/en/search?q=Samarkand',
    '/uz-Cyrl/search?q=Samarkant',
    '/uz/topics/',
    '/ja/topics/energy',
    '/en/entities/samarkand',
    '/api/v1/ja/weeks/2025-W51',
    '/uz/weeks/2025-W34',
    '/uz-Cyrl/topics/energy/feed.atom',
    `/ja/articles/${ARTICLE}`,
  ])('%s: a miss reads the content version inside the page batch, a hit reads only the version', async (path) => {
    const build = { id: `one-trip ${path}`, tag: '', timestamp: '' };
    const bindings = { ...env, CF_VERSION_METADATA: build };
    const fetchFresh = (url: string) => fetchPage(url, {}, bindings);
    const miss = await fetchFresh(path);
    expect(miss.status).toBe(200);
    expect(miss.headers.get('X-Cache')).toBe('MISS');
    const cost = d1Cost(miss);
    expect(cost.roundTrips).toBe(1);
    expect(cost.rowsRead).toBeLessThan(500);
    const hit = await fetchFresh(path);
    expect(hit.headers.get('X-Cache')).toBe('HIT');
    expect(d1Cost(hit)).toEqual({ roundTrips: 1, rowsRead: 1 });
    // The label is the cache's own business.
    expect(miss.headers.get('X-Content-Version')).toBeNull();
    expect(hit.headers.get('X-Content-Version')).toBeNull();
  });

  it.each(['/en/subscribe', '/ja/about'])('%s reads nothing from D1 at all', async (path) => {
    const page = await fetchPage(path);
    expect(page.status).toBe(200);
    expect(d1Cost(page).roundTrips).toBe(0);
  });

  it('a stale entry costs the check and the page, then is served again', async () => {
    const path = '/en/weeks/2025-W51?stale-check';
    await fetchPage(path);
    expect((await fetchPage(path)).headers.get('X-Cache')).toBe('HIT');
    await env.DB.prepare('UPDATE site_state SET content_version = content_version + 1 WHERE id = 1').run();
    const stale = await fetchPage(path);
    expect(stale.headers.get('X-Cache')).toBe('MISS');
    expect(d1Cost(stale).roundTrips).toBe(2);
    const again = await fetchPage(path);
    expect(again.headers.get('X-Cache')).toBe('HIT');
    expect(d1Cost(again).roundTrips).toBe(1);
  });
});
