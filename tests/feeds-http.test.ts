import { parseFeed } from '@rowanmanning/feed-parser';
import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { get, ORIGIN } from './helpers/http.ts';

const LANGS = ['en', 'uz', 'ja'] as const;
const TAGS = { en: 'en', uz: 'uz-Latn', ja: 'ja' } as const;

async function fireCron(iso: string): Promise<void> {
  await worker.scheduled(createScheduledController({ scheduledTime: new Date(iso), cron: '0 6 * * 1' }), env);
}

beforeAll(async () => {
  await seedTestCorpus(env.DB);
  await fireCron('2025-12-22T06:00:00Z');
});

describe.each(LANGS)('%s feeds', (lang) => {
  it('RSS 2.0 is well-formed and parses with its items newest first', async () => {
    const response = await get(`/${lang}/feed.xml`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/rss\+xml/);
    const xml = await response.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain(`<language>${TAGS[lang]}</language>`);
    expect(xml).toContain(`<atom:link rel="self" type="application/rss+xml" href="${ORIGIN}/${lang}/feed.xml"/>`);
    expect(xml).toMatch(/<pubDate>Mon, 22 Dec 2025 06:00:00 (?:\+0000|GMT)<\/pubDate>/);
    expect(xml).toContain('<content:encoded><![CDATA[');
    const feed = parseFeed(xml);
    expect(feed.items.map((item) => item.url)).toEqual(
      ['2025-W51', '2025-W34', '2024-W04', '2022-W15'].map((week) => `${ORIGIN}/${lang}/weeks/${week}`),
    );
    for (const item of feed.items) {
      expect(item.description?.length).toBeGreaterThan(10);
      expect(item.content).toMatch(/<article class="story[ "]/);
    }
    // Every link in the feed is absolute.
    for (const match of xml.matchAll(/(?:href|src)="([^"]*)"/g)) expect(match[1]).toMatch(/^https?:\/\//);
  });

  it('Atom 1.0 is well-formed, with xml:lang and RFC 3339 dates', async () => {
    const response = await get(`/${lang}/feed.atom`);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/atom\+xml/);
    const xml = await response.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain(`xml:lang="${TAGS[lang]}"`);
    expect(xml).toMatch(/<published>2025-12-22T06:00:00(?:\.000)?Z<\/published>/);
    const feed = parseFeed(xml);
    expect(feed.items).toHaveLength(4);
    expect(new Set(feed.items.map((item) => item.id)).size).toBe(4);
  });

  it('JSON Feed 1.1 has the language and its media type', async () => {
    const response = await get(`/${lang}/feed.json`);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/feed\+json/);
    const json = await response.json<{ version: string; language: string; items: { id: string; url: string }[] }>();
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.language).toBe(TAGS[lang]);
    expect(json.items[0]?.id).toBe(`${ORIGIN}/${lang}/weeks/2025-W51`);
  });

  it('is announced in the head of every page', async () => {
    const html = await (await get(`/${lang}/`)).text();
    expect(html).toContain(`type="application/rss+xml"`);
    expect(html).toContain(`href="${ORIGIN}/${lang}/feed.xml"`);
    expect(html).toContain(`href="${ORIGIN}/${lang}/feed.atom"`);
  });
});

describe('week pages', () => {
  it.each(LANGS)('%s: archive and summary page with topics and sources', async (lang) => {
    const archive = await (await get(`/${lang}/weeks/`)).text();
    for (const week of ['2025-W51', '2025-W34', '2024-W04', '2022-W15']) {
      expect(archive).toContain(`href="/${lang}/weeks/${week}"`);
    }
    const response = await get(`/${lang}/weeks/2025-W51`);
    expect(response.status).toBe(200);
    const html = await response.text();
    // One story touching six topics: six equal bars would say nothing, so the topics are a list (issue 15, defect 5).
    expect(html).not.toContain('class="chart"');
    expect(html).toContain(`<ul class="chips" aria-labelledby="week-topics"><li><a href="/${lang}/topics/energy">`);
    expect(html).toContain('https://www.darakchi.uz/en/209380');
    expect(html).toContain('https://anewz.tv/');
    expect(html).toContain({ en: '$12 billion', uz: '12 mlrd dollar', ja: '120億ドル' }[lang]);
  });

  it('is linked from the home page and from the articles of that week', async () => {
    expect(await (await get('/ja/')).text()).toContain('href="/ja/weeks/2025-W51"');
    expect(await (await get('/uz/articles/mirziyoyev-and-takaichi-hold-talks-in-tokyo')).text()).toContain(
      'href="/uz/weeks/2025-W51"',
    );
  });

  it('404s unknown and malformed weeks in the page language', async () => {
    for (const path of ['/ja/weeks/2025-W30', '/ja/weeks/2025-W53', '/ja/weeks/2025-51', '/ja/weeks/%3Cscript%3E']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toContain('この週の週間まとめはありません');
    }
  });
});

describe('conditional GET', () => {
  it.each([
    '/en/feed.xml',
    '/ja/feed.atom',
    '/uz/feed.json',
    '/en/weeks/2025-W51',
    '/ja/',
    '/uz/articles/mirziyoyev-and-takaichi-hold-talks-in-tokyo',
  ])('%s answers 304 to a matching validator', async (path) => {
    const first = await get(path);
    const etag = first.headers.get('ETag') ?? '';
    const lastModified = first.headers.get('Last-Modified') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(lastModified).toMatch(/GMT$/);
    const byEtag = await get(path, { 'If-None-Match': etag });
    expect(byEtag.status).toBe(304);
    expect(await byEtag.text()).toBe('');
    const byDate = await get(path, { 'If-Modified-Since': lastModified });
    expect(byDate.status).toBe(304);
    expect((await get(path, { 'If-None-Match': '"stale"' })).status).toBe(200);
    expect((await get(path, { 'If-Modified-Since': 'Thu, 01 Jan 1970 00:00:00 GMT' })).status).toBe(200);
  });
});

describe('rebuilds', () => {
  it('keep guids and publication dates, move the updated date, and change the ETag only with the content', async () => {
    const before = await get('/en/feed.atom');
    const beforeXml = await before.text();
    await fireCron('2025-12-29T06:00:00Z');
    const unchanged = await get('/en/feed.atom');
    expect(unchanged.headers.get('ETag')).toBe(before.headers.get('ETag'));

    await env.DB.prepare(
      `UPDATE translations SET headline = 'Uzbekistan and Japan agree a $12bn portfolio', content_hash = 'edited'
       WHERE lang = 'en' AND document_id = (SELECT id FROM documents WHERE slug = 'uzbekistan-and-japan-sign-12bn-cooperation-portfolio')`,
    ).run();
    await env.DB.prepare(
      `UPDATE documents SET content_hash = 'edited' WHERE slug = 'uzbekistan-and-japan-sign-12bn-cooperation-portfolio'`,
    ).run();
    await fireCron('2026-01-05T06:00:00Z');
    const after = await get('/en/feed.atom');
    expect(after.headers.get('ETag')).not.toBe(before.headers.get('ETag'));
    const [oldFeed, newFeed] = [parseFeed(beforeXml), parseFeed(await after.text())];
    expect(newFeed.items.map((item) => item.id)).toEqual(oldFeed.items.map((item) => item.id));
    expect(newFeed.items[0]?.published).toEqual(oldFeed.items[0]?.published);
    expect(newFeed.items[0]?.updated?.toISOString()).toBe('2026-01-05T06:00:00.000Z');
    expect(newFeed.items[1]?.updated).toEqual(oldFeed.items[1]?.updated);
  });
});
