import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { get } from './helpers/http.ts';

beforeAll(async () => {
  await seedTestCorpus(env.DB);
  await worker.scheduled(
    createScheduledController({ scheduledTime: new Date('2025-12-22T06:00:00Z'), cron: '0 6 * * 1' }),
    env,
  );
});

interface ArticlePage {
  items: { slug: string; headline: string; language: string; url: string }[];
  nextCursor: string | null;
}

describe('JSON API', () => {
  it('pages through articles with a cursor, newest first', async () => {
    const first = await get('/api/v1/ja/articles?limit=2');
    expect(first.status).toBe(200);
    expect(first.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const page1 = await first.json<ArticlePage>();
    expect(page1.items.map((item) => item.slug)).toEqual([
      'uzbekistan-and-japan-sign-12bn-cooperation-portfolio',
      'mirziyoyev-and-takaichi-hold-talks-in-tokyo',
    ]);
    expect(page1.items[0]?.language).toBe('ja');
    expect(page1.items[0]?.url).toBe(
      'https://digest.test/ja/articles/uzbekistan-and-japan-sign-12bn-cooperation-portfolio',
    );
    const slugs = [...page1.items.map((item) => item.slug)];
    let cursor = page1.nextCursor;
    while (cursor) {
      const page = await (await get(`/api/v1/ja/articles?limit=2&cursor=${cursor}`)).json<ArticlePage>();
      slugs.push(...page.items.map((item) => item.slug));
      cursor = page.nextCursor;
    }
    expect(slugs).toHaveLength(5);
    expect(new Set(slugs).size).toBe(5);
  });

  it('returns an article, a week and search results', async () => {
    const article = await (
      await get('/api/v1/uz/articles/mirziyoyev-and-takaichi-hold-talks-in-tokyo')
    ).json<{
      language: string;
      paragraphs: unknown[];
      translations: string[];
    }>();
    expect(article.language).toBe('uz-Latn');
    expect(article.paragraphs).toHaveLength(17);
    expect(article.translations).toEqual(['en', 'ja', 'uz']);
    const week = await (await get('/api/v1/en/weeks/2025-W51')).json<{ stories: { sources: unknown[] }[] }>();
    expect(week.stories[0]?.sources).toHaveLength(2);
    const results = await (
      await get('/api/v1/ja/search?q=サマルカンド')
    ).json<{ total: number; items: { snippet: string }[] }>();
    expect(results.total).toBe(2);
    // The internal highlight markers never leak into the API.
    expect(results.items[0]?.snippet).not.toContain('\u0001');
    expect(results.items[0]?.snippet).not.toContain('\u0002');
  });

  it('answers the API in Cyrillic', async () => {
    const body = await (
      await get(`/api/v1/uz-Cyrl/articles/mirziyoyev-and-takaichi-hold-talks-in-tokyo`)
    ).json<{ headline: string; language: string }>();
    expect(body.language).toBe('uz-Cyrl');
    expect(body.headline).toMatch(/\p{Script=Cyrillic}/u);
  });

  it('answers errors as JSON with a code and a message', async () => {
    const cases: [string, number, string][] = [
      ['/api/v1/fr/articles', 400, 'invalid_request'],
      ['/api/v1/en/articles?limit=0', 400, 'invalid_request'],
      ['/api/v1/en/articles?cursor=%%%', 400, 'invalid_request'],
      ['/api/v1/en/articles?cursor=bm90LWEtY3Vyc29y', 400, 'invalid_cursor'],
      ['/api/v1/en/articles/no-such-story', 404, 'not_found'],
      ['/api/v1/en/weeks/2025-W53', 404, 'not_found'],
      ['/api/v1/en/weeks/banana', 400, 'invalid_request'],
      ['/api/v1/en/nothing', 404, 'not_found'],
    ];
    for (const [path, status, code] of cases) {
      const response = await get(path);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('Content-Type'), path).toMatch(/^application\/json/);
      const body = await response.json<{ error: { code: string; message: string } }>();
      expect(body.error.code, path).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(0);
    }
  });

  it('describes itself in an OpenAPI document', async () => {
    const doc = await (await get('/api/v1/openapi.json')).json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toBe('3.1.0');
    // The admin endpoints are described too (tests/admin-contract.test.ts); these are the public ones.
    expect(
      Object.keys(doc.paths)
        .filter((path) => !path.startsWith('/api/v1/admin/'))
        .sort(),
    ).toEqual([
      '/api/v1/{lang}/articles',
      '/api/v1/{lang}/articles/{slug}',
      '/api/v1/{lang}/search',
      '/api/v1/{lang}/weeks/{week}',
    ]);
  });
});
