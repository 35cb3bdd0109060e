/**
 * An ingested report's lead image on its article page: shown with its credit when the source's
 * rights policy allows, loaded from the publisher under a policy widened by that origin only,
 * and kept so by the edge cache. Documents come in through the real poll (fake upstream).
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../src/db/client.ts';
import { insertSource, type SourceInput } from '../src/db/sources.ts';
import worker from '../src/index.ts';
import { chooseLeadImage } from '../src/services/lead-image.ts';
import { pollSource } from '../src/workflows/ingestion/poll-source.ts';
import { createUpstream } from './helpers/fake-upstream.ts';
import { ORIGIN } from './helpers/http.ts';

const db = createDb(env.DB);
const NOW = Date.parse('2025-12-22T09:00:00Z');

/** Three reports on different events, so that no poll takes one for another's near-duplicate. */
const REPORTS: Record<string, string[]> = {
  'wire-full': [
    'President Shavkat Mirziyoyev of Uzbekistan met Prime Minister Sanae Takaichi of Japan in Tokyo, the presidential press service said on Saturday.',
    'The two sides agreed to expand cooperation in energy, transport and healthcare, and to train more engineers in Japanese universities.',
  ],
  'wire-headline': [
    'Japan will open a new language centre in Samarkand next spring, the Japanese embassy in Tashkent announced on Friday.',
  ],
  'wire-excerpt': [
    'A delegation of Japanese textile companies visited factories in the Fergana valley this week to discuss joint ventures with Uzbek producers.',
    'Officials from both countries said the visit could lead to new investment in dyeing and finishing plants.',
  ],
  'wire-plain': [
    'Uzbekistan Airways and Japan Airlines signed a codeshare memorandum in Tashkent, covering flights between Tashkent and Tokyo via Seoul.',
    'The airlines said passengers would be able to book through tickets from the summer schedule onwards.',
  ],
};

/** A news page whose JSON-LD names the lead image and its credit, as many CMSs write it. */
function newsPage(headline: string, image: string | null, paragraphs: readonly string[]): string {
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline,
    datePublished: '2025-12-20T10:00:00Z',
    ...(image && { image: { '@type': 'ImageObject', url: image, creditText: 'Press service of the President' } }),
  };
  return `<!doctype html><html><head><meta charset="utf-8"><title>${headline}</title>
    <script type="application/ld+json">${JSON.stringify(jsonLd)}</script></head><body>
    <article><h1>${headline}</h1>${paragraphs.map((text) => `<p>${text}</p>`).join('')}</article></body></html>`;
}

/** Registers a source whose feed has one relevant item, polls it, and returns the stored slug. */
async function ingestOne(name: string, rights: SourceInput['rights'], image: string | null): Promise<string> {
  const host = `https://${name}.example`;
  const source = await insertSource(
    db,
    { name, feedUrl: `${host}/rss`, language: 'en', rights },
    new Date(NOW).toISOString(),
  );
  const headline = `${REPORTS[name]?.[0]?.split(',')[0] ?? name}: Uzbekistan and Japan`;
  const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>${name}</title><item><guid>${name}-1</guid>
    <link>${host}/news/1</link><title>${headline}</title><pubDate>Sat, 20 Dec 2025 10:00:00 GMT</pubDate></item></channel></rss>`;
  const upstream = createUpstream({
    [`${host}/rss`]: () => new Response(feed, { headers: { 'Content-Type': 'application/rss+xml' } }),
    [`${host}/news/1`]: () =>
      new Response(newsPage(headline, image, REPORTS[name] ?? []), {
        headers: { 'Content-Type': 'text/html; charset=utf-8' },
      }),
  });
  const result = await pollSource({ db, fetch: upstream.fetch, allowPrivate: false, now: () => NOW }, source);
  const slug = result.accepted[0]?.slug;
  if (!slug) throw new Error(`nothing stored for ${name}: ${JSON.stringify(result.skipped)}`);
  return slug;
}

/** Through the Worker with an execution context, so the edge cache really stores. */
async function fetchPage(path: string): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`${ORIGIN}${path}`), env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

const imgSources = (response: Response) =>
  /(?:^|; )img-src ([^;]+)/.exec(response.headers.get('Content-Security-Policy') ?? '')?.[1]?.split(' ');

describe('lead image on the article page', () => {
  it('shows a full-rights report’s image with its credit, allowed by exactly its origin, on a cache hit too', async () => {
    const slug = await ingestOne('wire-full', 'full', 'https://cdn.wire-full.example/photos/talks.jpg');
    for (const attempt of ['MISS', 'HIT']) {
      const response = await fetchPage(`/en/articles/${slug}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-cache'), attempt).toBe(attempt);
      expect(imgSources(response)).toEqual(["'self'", 'https://cdn.wire-full.example']);
      const html = await response.text();
      expect(html).toMatch(
        /<figure class="lead-image"><img src="https:\/\/cdn\.wire-full\.example\/photos\/talks\.jpg" alt="" decoding="async" referrerpolicy="no-referrer"\/?><figcaption>Photo: Press service of the President<\/figcaption><\/figure>/,
      );
      // Link previews show the report's own image, not the site's card.
      expect(html).toContain('<meta property="og:image" content="https://cdn.wire-full.example/photos/talks.jpg"/>');
      // The credit is said once, in the caption.
      expect(html.match(/Press service of the President/g)).toHaveLength(1);
      // A full-text source needs no note that the text is cut.
      expect(html).not.toContain('shows only the');
    }
    // The same page in Japanese names the credit in its own words.
    const ja = await (await fetchPage(`/ja/articles/${slug}`)).text();
    expect(ja).toContain('<figcaption>写真：Press service of the President</figcaption>');
  });

  it('shows no image for a headline-only source, and says the text is the publisher’s to show', async () => {
    const slug = await ingestOne('wire-headline', 'headline', 'https://cdn.wire-headline.example/a.jpg');
    const response = await fetchPage(`/en/articles/${slug}`);
    expect(response.status).toBe(200);
    expect(imgSources(response)).toEqual(["'self'"]);
    const html = await response.text();
    expect(html).not.toContain('<figure');
    expect(html).not.toContain('cdn.wire-headline.example');
    expect(html).toContain('Silk Digest shows only the headline of this report, as its publisher permits.');
    expect(html).toContain('href="https://wire-headline.example/news/1"');
  });

  it('tells readers of an excerpt where the rest is, and never loads an http image into an https page', async () => {
    const slug = await ingestOne('wire-excerpt', 'excerpt', 'http://cdn.wire-excerpt.example/a.jpg');
    const response = await fetchPage(`/uz/articles/${slug}`);
    expect(imgSources(response)).toEqual(["'self'"]);
    const html = await response.text();
    expect(html).not.toContain('<figure');
    expect(html).toContain(
      'Silk Digest nashriyot ruxsat bergan darajada ushbu xabarning faqat boshlanishini koʻrsatadi.',
    );
  });

  it('leaves a report without an image with the site’s own policy and card', async () => {
    const slug = await ingestOne('wire-plain', 'full', null);
    const response = await fetchPage(`/en/articles/${slug}`);
    expect(imgSources(response)).toEqual(["'self'"]);
    const html = await response.text();
    expect(html).not.toContain('<figure');
    expect(html).toContain(`<meta property="og:image" content="${ORIGIN}/og-image.png"/>`);
  });
});

describe('chooseLeadImage', () => {
  it('takes absolute https URLs without credentials only, and never for headline-only sources', () => {
    expect(chooseLeadImage('excerpt', 'https://img.example:8443/a b.jpg', '  Photo  agency ')).toEqual({
      url: 'https://img.example:8443/a%20b.jpg',
      origin: 'https://img.example:8443',
      credit: 'Photo agency',
    });
    expect(chooseLeadImage('full', 'https://img.example/a.jpg', '   ')?.credit).toBeNull();
    for (const url of [
      'http://img.example/a.jpg',
      'https://user:pass@img.example/a.jpg',
      'data:image/png;base64,AAAA',
      'javascript:alert(1)',
      '/relative.jpg',
      `https://img.example/${'a'.repeat(2100)}.jpg`,
      '',
      null,
    ]) {
      expect(chooseLeadImage('full', url, null), String(url).slice(0, 40)).toBeNull();
    }
    expect(chooseLeadImage('headline', 'https://img.example/a.jpg', null)).toBeNull();
  });
});
