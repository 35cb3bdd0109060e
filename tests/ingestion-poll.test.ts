import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createUpstream } from './helpers/fake-upstream.ts';
import { createDb } from '../src/db/client.ts';
import { getSource, insertSource, type SourceInput } from '../src/db/sources.ts';
import { pollSource } from '../src/workflows/ingestion/poll-source.ts';
import { encodeJapanese, encodeWindows1251 } from './helpers/legacy-encodings.ts';
import { get } from './helpers/http.ts';

const db = createDb(env.DB);
const NOW = Date.parse('2025-12-22T09:00:00Z');
let counter = 0;

async function addSource(overrides: Partial<SourceInput> = {}) {
  counter += 1;
  return insertSource(
    db,
    {
      name: `Test wire ${counter}`,
      feedUrl: `https://wire${counter}.uz/rss`,
      language: 'en',
      rights: 'full',
      ...overrides,
    },
    new Date(NOW).toISOString(),
  );
}

const rss = (items: string[], ttl = '') =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title>${ttl}${items.join('')}</channel></rss>`;
const item = (guid: string, url: string, title: string, date = 'Sat, 20 Dec 2025 10:00:00 GMT') =>
  `<item><guid>${guid}</guid><link>${url}</link><title>${title}</title><pubDate>${date}</pubDate></item>`;

const PARAGRAPHS = [
  'President Shavkat Mirziyoyev of Uzbekistan held talks with Prime Minister Sanae Takaichi of Japan in Tokyo on Saturday, the presidential press service said in a statement.',
  'The two leaders agreed on a cooperation portfolio worth more than twelve billion dollars covering energy, transport, healthcare and the training of engineers.',
  'Japanese companies will take part in building a new thermal power plant near Tashkent and in modernising the railway between Samarkand and Bukhara, according to the statement.',
];

function articlePage(headline: string, paragraphs: readonly string[], extraHead = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${headline} | Wire</title>${extraHead}</head><body>
    <nav class="menu"><ul><li>Home</li></ul></nav>
    <div class="cookie-consent"><p>This site uses cookies to give you the best experience, accept or reject them here.</p></div>
    <article><h1>${headline}</h1>${paragraphs.map((text) => `<p>${text}</p>`).join('')}
    <div class="share"><p>Share on Telegram</p></div></article>
    <aside class="related"><p>Related: Uzbekistan and Japan discuss tourism visas in a long unrelated article that is not this one.</p></aside>
    <footer><p>© Wire 2025. All rights reserved. Reproduction only with a hyperlink to the source.</p></footer></body></html>`;
}

const html = (body: string | Uint8Array, type = 'text/html; charset=utf-8') =>
  new Response(body, { headers: { 'Content-Type': type } });

async function readDocument(slug: string) {
  return env.DB.prepare(
    `SELECT d.id, d.source_url, d.published_on, t.headline, t.body, t.lang, p.item_guid, p.raw_hash, p.rights, p.fetched_at,
       p.original_cyrillic, p.lead_image_url, p.lead_image_credit
     FROM documents d JOIN translations t ON t.document_id = d.id AND t.lang = d.original_language
     JOIN document_provenance p ON p.document_id = d.id WHERE d.slug = ?1`,
  )
    .bind(slug)
    .first<Record<string, string | number | null>>();
}

describe('polling a source', () => {
  it('stores the relevant item, skips the rest with reasons, and the next poll costs a 304', async () => {
    const source = await addSource();
    const base = new URL(source.feedUrl).origin;
    const feed = rss([
      item('a-1', `${base}/news/talks?utm_source=rss`, 'Mirziyoyev and Takaichi hold talks in Tokyo'),
      item('a-2', `${base}/news/weather`, 'Snow expected in Tashkent'),
      item('a-3', `${base}/files/report.pdf`, 'Annual report'),
      item('a-4', `${base}/private/japan`, 'Japan and Uzbekistan: a private page'),
    ]);
    const upstream = createUpstream({
      [`${base}/robots.txt`]: () =>
        new Response('User-agent: *\nDisallow: /private/\n', { headers: { 'Content-Type': 'text/plain' } }),
      [source.feedUrl]: (request) =>
        request.headers.get('If-None-Match') === '"feed-v1"'
          ? new Response(null, { status: 304 })
          : new Response(feed, { headers: { 'Content-Type': 'application/rss+xml', ETag: '"feed-v1"' } }),
      [`${base}/news/talks`]: () =>
        html(
          articlePage(
            'Mirziyoyev and Takaichi hold talks in Tokyo',
            PARAGRAPHS,
            `<meta property="og:image" content="${base}/lead.jpg"><link rel="canonical" href="${base}/news/talks">`,
          ),
        ),
      [`${base}/news/weather`]: () =>
        html(
          articlePage('Snow expected in Tashkent', ['Heavy snow is expected in Tashkent this week, forecasters said.']),
        ),
      [`${base}/files/report.pdf`]: () => new Response('%PDF', { headers: { 'Content-Type': 'application/pdf' } }),
    });

    const first = await pollSource({ db, fetch: upstream.fetch, allowPrivate: false, now: () => NOW }, source);
    expect(first).toMatchObject({ status: 'ok', httpStatus: 200, itemsSeen: 4, weeks: ['2025-W51'] });
    expect(first.accepted[0]?.documentId).toBeGreaterThan(0);
    expect(first.accepted).toEqual([
      {
        documentId: first.accepted[0]?.documentId,
        slug: 'mirziyoyev-and-takaichi-hold-talks-in-tokyo',
        url: `${base}/news/talks`,
      },
    ]);
    expect(first.skipped).toEqual([
      { url: `${base}/news/weather`, reason: 'not_relevant' },
      { url: `${base}/files/report.pdf`, reason: 'not_html' },
      { url: `${base}/private/japan`, reason: 'robots' },
    ]);
    // Never fetched: the page robots.txt disallows.
    expect(upstream.requests.map((request) => request.url)).not.toContain(`${base}/private/japan`);
    expect(upstream.requests.every((request) => request.headers.get('User-Agent')?.startsWith('SilkDigestBot/'))).toBe(
      true,
    );

    const stored = await readDocument(first.accepted[0]?.slug ?? '');
    expect(stored).toMatchObject({
      source_url: `${base}/news/talks`,
      published_on: '2025-12-20',
      headline: 'Mirziyoyev and Takaichi hold talks in Tokyo',
      item_guid: 'a-1',
      rights: 'full',
      fetched_at: new Date(NOW).toISOString(),
      lead_image_url: `${base}/lead.jpg`,
    });
    expect(stored?.raw_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((JSON.parse(String(stored?.body)) as { text: string }[]).map((block) => block.text)).toEqual(PARAGRAPHS);

    const health = await getSource(db, source.id);
    expect(health).toMatchObject({
      lastStatus: 200,
      lastError: null,
      consecutiveFailures: 0,
      etag: '"feed-v1"',
      itemsSeen: 4,
      itemsAccepted: 1,
      itemsSkipped: 3,
    });

    const before = upstream.requests.length;
    const second = await pollSource(
      { db, fetch: upstream.fetch, allowPrivate: false, now: () => NOW + 3_600_000 },
      (await getSource(db, source.id))!,
    );
    expect(second).toMatchObject({ status: 'not_modified', httpStatus: 304, accepted: [], skipped: [] });
    // robots.txt is cached by a fresh poll's own cache, so at most robots + feed.
    expect(upstream.requests.length - before).toBeLessThanOrEqual(2);
  });

  it('creates no duplicates from a feed that rewrites its GUIDs on every poll', async () => {
    const source = await addSource();
    const base = new URL(source.feedUrl).origin;
    let poll = 0;
    const upstream = createUpstream({
      [source.feedUrl]: () => {
        poll += 1;
        return new Response(
          rss([
            item(
              `guid-${poll}-${Math.random()}`,
              `${base}/news/1?utm_campaign=x${poll}`,
              'Japan and Uzbekistan sign a deal',
            ),
          ]),
          {
            headers: { 'Content-Type': 'application/rss+xml' },
          },
        );
      },
      [`${base}/news/1`]: () =>
        html(
          articlePage('Japan and Uzbekistan sign a deal', [
            'A Japanese bank opened a branch in Samarkand, its first in Uzbekistan.',
          ]),
        ),
    });
    const first = await pollSource({ db, fetch: upstream.fetch, allowPrivate: false, now: () => NOW }, source);
    expect(first.accepted).toHaveLength(1);
    const second = await pollSource(
      { db, fetch: upstream.fetch, allowPrivate: false, now: () => NOW },
      (await getSource(db, source.id))!,
    );
    expect(second.accepted).toEqual([]);
    expect(second.skipped).toEqual([{ url: `${base}/news/1`, reason: 'duplicate' }]);
    const count = await env.DB.prepare(`SELECT count(*) AS n FROM documents WHERE source_url = ?1`)
      .bind(`${base}/news/1`)
      .first<{ n: number }>();
    expect(count?.n).toBe(1);
  });

  it('backs off on 429 with Retry-After, and disables a source after 10 failures in a row', async () => {
    const source = await addSource();
    const upstream = createUpstream({
      [source.feedUrl]: () => new Response('busy', { status: 429, headers: { 'Retry-After': '7200' } }),
    });
    const report = await pollSource({ db, fetch: upstream.fetch, allowPrivate: false, now: () => NOW }, source);
    expect(report).toMatchObject({ status: 'error', httpStatus: 429, error: 'the feed answered 429' });
    let health = (await getSource(db, source.id))!;
    expect(health).toMatchObject({ consecutiveFailures: 1, lastStatus: 429, enabled: true });
    expect(Date.parse(health.nextPollAt ?? '') - NOW).toBe(7_200_000);

    for (let i = 0; i < 9; i++)
      await pollSource(
        { db, fetch: upstream.fetch, allowPrivate: false, now: () => NOW },
        (await getSource(db, source.id))!,
      );
    health = (await getSource(db, source.id))!;
    expect(health.consecutiveFailures).toBe(10);
    expect(health.enabled).toBe(false);
    expect(health.lastError).toMatch(/^disabled after 10 failures in a row; last: the feed answered 429/);
  });

  it('reports broken XML as the source’s error without storing anything', async () => {
    const source = await addSource();
    const upstream = createUpstream({
      [source.feedUrl]: () =>
        new Response('<rss><channel><item><title>cut', { headers: { 'Content-Type': 'application/rss+xml' } }),
    });
    const report = await pollSource({ db, fetch: upstream.fetch, allowPrivate: false, now: () => NOW }, source);
    expect(report.status).toBe('error');
    expect(report.error).toMatch(/broken XML/);
    expect((await getSource(db, source.id))?.lastError).toMatch(/broken XML/);
  });

  it('refuses a feed on a private address unless INGEST_ALLOW_PRIVATE_HOSTS is set', async () => {
    const source = await addSource({ feedUrl: 'http://127.0.0.1:9999/rss' });
    const upstream = createUpstream({});
    const report = await pollSource({ db, fetch: upstream.fetch, allowPrivate: false, now: () => NOW }, source);
    expect(report.error).toMatch(/private or local/);
    expect(upstream.requests).toHaveLength(0);
  });

  it('decodes Shift_JIS and windows-1251 pages, and converts Cyrillic Uzbek to Latin keeping the original', async () => {
    const ja = await addSource({ language: 'ja' });
    const jaBase = new URL(ja.feedUrl).origin;
    const jaText = 'ウズベキスタンと日本の'.repeat(3) + '。';
    const jaUpstream = createUpstream({
      [ja.feedUrl]: () =>
        new Response(rss([item('j1', `${jaBase}/a`, 'ウズベキスタンと日本')]), {
          headers: { 'Content-Type': 'application/rss+xml' },
        }),
      [`${jaBase}/a`]: () =>
        html(
          encodeJapanese(
            `<html><head><meta charset="Shift_JIS"><title>ウズベキスタンと日本</title></head><body><article><p>${jaText}</p></article></body></html>`,
            'shift_jis',
          ),
          'text/html',
        ),
    });
    const jaReport = await pollSource({ db, fetch: jaUpstream.fetch, allowPrivate: false, now: () => NOW }, ja);
    expect(jaReport.accepted).toHaveLength(1);
    const jaDoc = await readDocument(jaReport.accepted[0]?.slug ?? '');
    expect(jaDoc).toMatchObject({ lang: 'ja', headline: 'ウズベキスタンと日本' });
    expect(String(jaDoc?.body)).toContain(jaText);

    const uz = await addSource({ language: 'uz-Cyrl' });
    const uzBase = new URL(uz.feedUrl).origin;
    const headline = 'Ўзбекистон ва Япония шартнома имзолади';
    const body = 'Тошкентда Япония билан янги шартнома имзоланди';
    const uzUpstream = createUpstream({
      [uz.feedUrl]: () =>
        new Response(rss([item('u1', `${uzBase}/b`, headline)]), {
          headers: { 'Content-Type': 'application/rss+xml' },
        }),
      [`${uzBase}/b`]: () =>
        html(
          encodeWindows1251(
            `<html><head><title>${headline}</title></head><body><article><p>${body}</p></article></body></html>`,
          ),
          'text/html; charset=windows-1251',
        ),
    });
    const uzReport = await pollSource({ db, fetch: uzUpstream.fetch, allowPrivate: false, now: () => NOW }, uz);
    expect(uzReport.accepted).toHaveLength(1);
    const uzDoc = await readDocument(uzReport.accepted[0]?.slug ?? '');
    expect(uzDoc).toMatchObject({ lang: 'uz', headline: 'Oʻzbekiston va Yaponiya shartnoma imzoladi' });
    expect(String(uzDoc?.body)).toContain('Toshkentda Yaponiya bilan yangi shartnoma imzolandi');
    expect(JSON.parse(String(uzDoc?.original_cyrillic))).toEqual([
      { kind: 'h', text: headline },
      { kind: 'p', text: body },
    ]);
  });

  it('honours each rights policy in what is stored and shown, always linking the original', async () => {
    const long = `${'Uzbekistan and Japan agreed on new projects in energy and transport. '.repeat(12).trim()}`;
    for (const rights of ['full', 'excerpt', 'headline'] as const) {
      const source = await addSource({ rights });
      const base = new URL(source.feedUrl).origin;
      const upstream = createUpstream({
        [source.feedUrl]: () =>
          new Response(rss([item('r1', `${base}/r`, `Uzbekistan and Japan: ${rights} policy story`)]), {
            headers: { 'Content-Type': 'application/rss+xml' },
          }),
        [`${base}/r`]: () =>
          html(
            articlePage(`Uzbekistan and Japan: ${rights} policy story`, [
              long,
              'Second paragraph about Tokyo and Tashkent.',
            ]),
          ),
      });
      const report = await pollSource({ db, fetch: upstream.fetch, allowPrivate: false, now: () => NOW }, source);
      const slug = report.accepted[0]?.slug ?? '';
      const blocks = JSON.parse(String((await readDocument(slug))?.body)) as { text: string }[];
      const page = await (await get(`/en/articles/${slug}`)).text();
      expect(page).toContain(`href="${base}/r"`);
      if (rights === 'full') {
        expect(blocks).toHaveLength(2);
        expect(page).toContain('Second paragraph about Tokyo and Tashkent.');
      } else if (rights === 'excerpt') {
        expect(blocks).toHaveLength(1);
        expect(blocks[0]?.text.split(' ')).toHaveLength(60);
        expect(blocks[0]?.text.endsWith('…')).toBe(true);
        expect(page).not.toContain('Second paragraph');
      } else {
        expect(blocks).toEqual([]);
        expect(page).not.toContain('agreed on new projects');
      }
    }
  });
});
