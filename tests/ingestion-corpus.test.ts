/**
 * The proof that ingestion and the seed agree: the five corpus captures, served by a fake
 * upstream as the article pages of three differently built news sites (menus, cookie
 * banners, share buttons, related links, comments, footers) with their RSS feeds, polled into an
 * empty database, come out as the same cleaned paragraphs the seed stores, in the same ISO
 * weeks. Then a new item appears: one poll adds exactly one document, the next costs a 304.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../src/db/client.ts';
import { getSource, insertSource, type Source } from '../src/db/sources.ts';
import { assembleCorpus, type CorpusDocument } from '../src/services/corpus.ts';
import { pollSource } from '../src/workflows/ingestion/poll-source.ts';
import { buildCorpusInput, manifestEntries, raws } from './helpers/corpus.ts';
import { createUpstream, type Route } from './helpers/fake-upstream.ts';

const db = createDb(env.DB);
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Three site layouts; the story's lines are the capture's, one paragraph each. */
const LAYOUTS = [
  (title: string, body: string) =>
    `<html><head><title>${title} | Caspian Desk</title><meta property="og:site_name" content="Caspian Desk"></head><body>
     <header><nav class="menu"><ul><li>Home</li><li>Region</li></ul></nav></header>
     <div id="cookie-banner"><p>We use cookies to improve your experience on our website. Accept all or manage settings.</p></div>
     <main><article><h1>${title}</h1>${body}<div class="share"><p>Share on Facebook</p></div></article>
     <aside class="related-news"><p>Related: Kazakhstan and Korea discuss logistics corridors and customs in Astana.</p></aside></main>
     <footer><p>© Caspian Desk. All rights reserved. Any use of materials requires a hyperlink.</p></footer></body></html>`,
  (title: string, body: string) =>
    `<html><head><title>${title}</title></head><body><div class="navbar"><p>News Business Culture Sport Video Photo Opinion Podcasts</p></div>
     <div class="layout"><div class="post-content"><h2>${title}</h2>${body}</div>
     <div class="comments"><p>Great news for both countries, I hope trade keeps growing in the coming years.</p></div>
     <div class="sidebar"><p>Most read: the ten stories of the week that everybody is talking about right now.</p></div></div>
     <div class="footer"><p>Registered as a mass medium; contacts, advertising and the editorial board here.</p></div></body></html>`,
  (title: string, body: string) =>
    `<html><head><title>${title} — Herald</title></head><body><nav><a href="/">Home</a></nav>
     <div class="gdpr-consent"><p>This website stores cookies on your computer to improve your experience. Accept?</p></div>
     <section class="news-body">${body}</section>
     <div class="newsletter"><p>Subscribe to our newsletter and receive the main news of the day every evening.</p></div>
     <footer><p>Herald: all materials are protected by copyright law and international treaties.</p></footer></body></html>`,
];

interface Capture {
  url: string;
  title: string;
  published: string;
  page: string;
}

function buildSite(origin: string, captures: readonly Capture[]): Record<string, Route> {
  const items = captures.map(
    (capture) =>
      `<item><guid>${capture.url}</guid><link>${capture.url}</link><title>${escapeHtml(capture.title)}</title><pubDate>${new Date(`${capture.published}T08:00:00Z`).toUTCString()}</pubDate></item>`,
  );
  const routes: Record<string, Route> = {
    [`${origin}/rss`]: (request) =>
      request.headers.get('If-None-Match') === `"${captures.length}"`
        ? new Response(null, { status: 304 })
        : new Response(`<rss version="2.0"><channel><title>${origin}</title>${items.join('')}</channel></rss>`, {
            headers: { 'Content-Type': 'application/rss+xml', ETag: `"${captures.length}"` },
          }),
  };
  for (const capture of captures) {
    routes[capture.url] = () => new Response(capture.page, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  }
  return routes;
}

describe('ingestion reproduces the seed', () => {
  it('polls the five captures into the paragraphs and weeks the seed stores, then one new item, then a 304', async () => {
    const corpus: CorpusDocument[] = await assembleCorpus(buildCorpusInput());
    const origins = ['https://caspian.example', 'https://wire.example', 'https://herald.example'];
    const bySite = new Map<string, Capture[]>();
    manifestEntries.forEach((entry, index) => {
      const doc = corpus.find((candidate) => candidate.sourceUrl === entry.url);
      const text = doc?.texts.en;
      if (!doc || !text) throw new Error(`no seeded document for ${entry.file}`);
      const origin = origins[index % origins.length] ?? '';
      const lines = (raws[entry.file] ?? '').split(/\r?\n/).filter((line) => line.trim() !== '');
      const layout = LAYOUTS[index % LAYOUTS.length] ?? LAYOUTS[0]!;
      const capture: Capture = {
        url: `${origin}/news/${index}`,
        // A capture without a title gets the desk's headline, as the seed gives it.
        title: text.headline,
        published: entry.published,
        page: layout(escapeHtml(text.headline), lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')),
      };
      bySite.set(origin, [...(bySite.get(origin) ?? []), capture]);
    });
    const routes: Record<string, Route> = {};
    const sources: Source[] = [];
    for (const [origin, captures] of bySite) {
      Object.assign(routes, buildSite(origin, captures));
      sources.push(
        await insertSource(
          db,
          { name: origin, feedUrl: `${origin}/rss`, language: 'en', rights: 'full' },
          new Date().toISOString(),
        ),
      );
    }
    const upstream = createUpstream(routes);

    const accepted: { documentId: number; url: string }[] = [];
    for (const source of sources) {
      const report = await pollSource({ db, fetch: upstream.fetch, allowPrivate: false }, source);
      expect(report.skipped).toEqual([]);
      accepted.push(...report.accepted);
    }
    expect(accepted).toHaveLength(manifestEntries.length);

    for (const [index, entry] of manifestEntries.entries()) {
      const seeded = corpus.find((candidate) => candidate.sourceUrl === entry.url)!;
      const url = `${origins[index % origins.length]}/news/${index}`;
      const row = await env.DB.prepare(
        `SELECT d.iso_week, d.published_on, t.headline, t.body FROM documents d
         JOIN translations t ON t.document_id = d.id AND t.lang = 'en' WHERE d.source_url = ?1`,
      )
        .bind(url)
        .first<{ iso_week: string; published_on: string; headline: string; body: string }>();
      expect(row, entry.file).not.toBeNull();
      expect(row?.iso_week, entry.file).toBe(seeded.isoWeek);
      expect(row?.headline, entry.file).toBe(seeded.texts.en?.headline);
      expect(JSON.parse(row?.body ?? '[]'), entry.file).toEqual(seeded.texts.en?.blocks);
    }

    // A new item on the first site: one poll adds exactly one document; the next is a 304.
    const site = origins[0] ?? '';
    const captures = bySite.get(site) ?? [];
    const fresh: Capture = {
      url: `${site}/news/new`,
      title: 'Japan and Uzbekistan open a joint engineering school in Tashkent',
      published: '2025-12-22',
      page: LAYOUTS[0]!(
        'Japan and Uzbekistan open a joint engineering school in Tashkent',
        '<p>A joint engineering school built with Japanese support opened in Tashkent on Monday, the ministry of higher education said.</p>',
      ),
    };
    Object.assign(upstream.routes, buildSite(site, [...captures, fresh]));
    const count = async () => (await env.DB.prepare('SELECT count(*) AS n FROM documents').first<{ n: number }>())?.n;
    const before = await count();
    const source = (await getSource(db, sources[0]?.id ?? 0))!;
    const next = await pollSource({ db, fetch: upstream.fetch, allowPrivate: false }, source);
    expect(next.accepted.map((item) => item.url)).toEqual([fresh.url]);
    expect(await count()).toBe((before ?? 0) + 1);
    const again = await pollSource(
      { db, fetch: upstream.fetch, allowPrivate: false },
      (await getSource(db, source.id))!,
    );
    expect(again).toMatchObject({ status: 'not_modified', httpStatus: 304, accepted: [] });
  });
});
