import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { getTranslator } from '../src/i18n/index.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { get, OPERATOR, ORIGIN } from './helpers/http.ts';

const LANGS = ['en', 'uz', 'ja'] as const;
const ARTICLE = 'mirziyoyev-and-takaichi-hold-talks-in-tokyo';

beforeAll(async () => {
  await seedTestCorpus(env.DB);
});

describe('GET /', () => {
  it.each([
    [{ 'Accept-Language': 'ja-JP,ja;q=0.9,en;q=0.8' }, '/ja/'],
    [{ 'Accept-Language': 'uz-UZ' }, '/uz/'],
    [{ 'Accept-Language': 'uz-Latn' }, '/uz/'],
    [{ 'Accept-Language': 'ja;q=0, uz;q=0.4, en;q=0.3' }, '/uz/'],
    [{ 'Accept-Language': 'de-DE' }, '/en/'],
    [{ 'Accept-Language': '???;;q=x' }, '/en/'],
    [{}, '/en/'],
    [{ Cookie: 'lang=ja', 'Accept-Language': 'uz' }, '/ja/'],
    [{ Cookie: 'lang=xx', 'Accept-Language': 'uz' }, '/uz/'],
  ])('redirects %o to %s', async (headers, location) => {
    const response = await get('/', headers);
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(location);
    expect(response.headers.get('Vary')).toBe('Accept-Language, Cookie');
  });
});

describe('language switch', () => {
  it('sets the cookie and goes to the same page in the chosen language', async () => {
    const response = await get(`/lang/ja?next=${encodeURIComponent(`/ja/articles/${ARTICLE}`)}`);
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`/ja/articles/${ARTICLE}`);
    const cookie = response.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/^lang=ja;/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('never redirects off the edition', async () => {
    for (const next of ['https://evil.example/', '//evil.example/', '/en/articles/x', '/ja/\\evil']) {
      const response = await get(`/lang/ja?next=${encodeURIComponent(next)}`);
      expect(response.headers.get('Location')).toBe('/ja/');
    }
    expect((await get('/lang/fr')).status).toBe(404);
  });

  it('never answers 500 and puts only encoded ASCII in Location, whatever next holds', async () => {
    const cases: [string, string][] = [
      ['/en/%00', '/en/'],
      ['/en/%09//evil.example', '/en/'],
      ['/en/%0B', '/en/'],
      ['/en/%1B', '/en/'],
      ['/en/%7F', '/en/'],
      ['/en/%C2%85', '/en/'],
      ['/en/../ja/', '/en/'],
      ['/en/%C3%BC', '/en/%C3%BC'],
      ['/en/search?q=%C3%BC%20x#top', '/en/search?q=%C3%BC%20x#top'],
    ];
    for (const [next, location] of cases) {
      const response = await get(`/lang/en?next=${next.replace('?', '%3F').replace('#', '%23').replace('&', '%26')}`);
      expect(response.status, next).toBe(302);
      expect(response.headers.get('Location'), next).toBe(location);
    }
  });

  it('links from every page to the same page in each language', async () => {
    const html = await (await get(`/uz/articles/${ARTICLE}`)).text();
    for (const lang of LANGS) {
      expect(html).toContain(`href="/lang/${lang}?next=${encodeURIComponent(`/${lang}/articles/${ARTICLE}`)}"`);
    }
  });
});

describe('home', () => {
  it.each(LANGS)('%s: lists every story newest first, grouped by ISO week', async (lang) => {
    const response = await get(`/${lang}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html; charset=UTF-8/i);
    const html = await response.text();
    const order = [
      ARTICLE,
      'uzbekistan-and-japan-sign-12bn-cooperation-portfolio',
      'uzbekistan-japan-exploring-bilateral-cooperation-prospects',
      'uzbek-and-japanese-foreign-ministries-review-strategic-partnership',
      'dialogue-central-asia-japan-is-an-effective-platform-for-cooperation',
    ].map((slug) => html.indexOf(`/${lang}/articles/${slug}`));
    expect(order.every((position) => position > 0)).toBe(true);
    // 001 (2025-12-19) and 002 (2025-12-20) share 2025-W51; 001 has the higher id but 002 is newer.
    expect(order[1]).toBeLessThan(order[0] ?? 0);
    expect(order.slice(2)).toEqual([...order.slice(2)].sort((a, b) => a - b));
    expect(html.match(/<section aria-labelledby="week-/g)).toHaveLength(4);
  });

  it('localizes dates, week headings and counts', async () => {
    const ja = await (await get('/ja/')).text();
    expect(ja).toContain('2025年12月20日');
    expect(ja).toContain('2025年第51週<span class="meta">（12月15日〜21日）</span>');
    expect(ja).toContain('2件の記事');
    const uz = await (await get('/uz/')).text();
    expect(uz).toContain('2025-yil 20-dekabr');
    expect(uz).toContain('2025-yil 51-hafta<span class="meta"> (15–21-dekabr)</span>');
    const en = await (await get('/en/')).text();
    expect(en).toContain('20 December 2025');
    expect(en).toContain('Week 51, 2025<span class="meta"> (15–21 December 2025)</span>');
    // A week's group counts reports (issue 15, defect 3): a story is what the week page groups them into.
    expect(en).toContain('2 reports');
    expect(en).toContain('1 report');
    expect(en).not.toContain('2 stories');
  });

  it('shows summaries in the page language', async () => {
    const ja = await (await get('/ja/')).text();
    expect(ja).toContain('120億ドル');
    const uz = await (await get('/uz/')).text();
    expect(uz).toMatch(/Oʻzbekiston va Yaponiya/);
  });

  it('paginates and 404s out-of-range pages', async () => {
    expect((await get('/en/?page=1')).status).toBe(200);
    expect((await get('/en/?page=2')).status).toBe(404);
    expect((await get('/en/?page=0')).status).toBe(404);
    expect((await get('/en/?page=abc')).status).toBe(404);
  });

  it('has one ?page= rule on every paged page: a bad value is a 404 in the page language', async () => {
    const ja = getTranslator('ja');
    for (const path of ['/ja/', '/ja/search?q=Tokyo&', '/ja/topics/trade', '/ja/entities/shavkat-mirziyoyev']) {
      const glue = path.endsWith('&') ? '' : '?';
      for (const bad of ['0', 'abc', '1e0', '-1', '1234567']) {
        const response = await get(`${path}${glue}page=${bad}`);
        expect(response.status, `${path} ${bad}`).toBe(404);
        const html = await response.text();
        expect(html, `${path} ${bad}`).toContain('<html lang="ja">');
        expect(html, `${path} ${bad}`).toContain(ja('errors.notFoundTitle'));
      }
      expect((await get(`${path}${glue}page=1`)).status, path).toBe(200);
    }
  });
});

describe('article', () => {
  it.each(LANGS)('%s: full text, source, date, topics, entities and other languages', async (lang) => {
    const response = await get(`/${lang}/articles/${ARTICLE}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('href="https://www.darakchi.uz/en/209380"');
    expect(html).toContain(`<link rel="canonical" href="${ORIGIN}/${lang}/articles/${ARTICLE}"/>`);
    for (const [code, tag] of [
      ['en', 'en'],
      ['uz', 'uz-Latn'],
      ['ja', 'ja'],
    ]) {
      expect(html).toContain(`<link rel="alternate" hreflang="${tag}" href="${ORIGIN}/${code}/articles/${ARTICLE}"/>`);
    }
    expect(html).toContain('hreflang="x-default"');
    expect(html).toContain('property="og:title"');
    // 17 paragraphs of the report.
    expect(html.split('<div class="body"')[1]?.split('</div>')[0]?.match(/<p>/g)).toHaveLength(17);
  });

  it('uses the right html lang and localized names', async () => {
    const ja = await (await get(`/ja/articles/${ARTICLE}`)).text();
    expect(ja).toContain('<html lang="ja">');
    expect(ja).toContain('高市早苗');
    expect(ja).toContain('サマルカンド');
    const uz = await (await get(`/uz/articles/${ARTICLE}`)).text();
    expect(uz).toContain('<html lang="uz-Latn">');
    expect(uz).toContain('Samarqand');
    expect(uz).not.toMatch(/[OoGg]['‘’`]/);
  });

  it('404s an unknown slug in the page language', async () => {
    const response = await get('/ja/articles/no-such-story');
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('ページが見つかりません');
    expect((await get('/uz/articles/BAD%20SLUG')).status).toBe(404);
  });
});

describe('unknown language and paths', () => {
  it('404s in English with links to the three editions', async () => {
    const response = await get('/fr/');
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    for (const lang of LANGS) expect(html).toContain(`href="/${lang}/"`);
  });

  it('redirects an edition without its trailing slash to its home page', async () => {
    for (const lang of ['en', 'uz', 'uz-Cyrl', 'ja']) {
      const response = await get(`/${lang}`);
      expect(response.status).toBe(301);
      expect(response.headers.get('location')).toBe(`/${lang}/`);
    }
    expect((await get('/fr')).status).toBe(404);
  });

  it('404s an unknown path inside an edition in its language', async () => {
    const response = await get('/uz/nowhere');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Sahifa topilmadi');
  });
});

describe('/healthz', () => {
  it('tells anyone only that it is ready: no counts, no cron runs or their errors', async () => {
    const anyone: Record<string, string>[] = [{}, { Authorization: 'Bearer wrong-token' }];
    for (const headers of anyone) {
      const response = await get('/healthz', headers);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', d1: { reachable: true } });
    }
  });

  it('reports D1 reachable and the counts to an operator', async () => {
    const response = await get('/healthz', OPERATOR);
    expect(response.status).toBe(200);
    const body = await response.json<{ status: string; d1: { reachable: boolean }; counts: { documents: number } }>();
    expect(body.status).toBe('ok');
    expect(body.d1.reachable).toBe(true);
    expect(body.counts.documents).toBe(5);
  });
});
