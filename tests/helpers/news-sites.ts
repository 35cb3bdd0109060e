/**
 * The five corpus captures as three differently built news sites (menus, cookie banners, share
 * buttons, related links, comments, footers around the story) with their RSS feeds, as a table
 * of routes: the fake upstream of the workerd proof (tests/ingestion-corpus.test.ts) and the
 * real local HTTP servers of the end-to-end run (e2e/ingestion.e2e.ts) serve the same bytes.
 * A feed answers `If-None-Match` with its ETag (the number of its items) by a 304.
 */
import type { Route } from './fake-upstream.ts';

/** What a site needs of a manifest entry (content/raw/manifest.json). */
export interface CaptureEntry {
  file: string;
  published: string;
}

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

export interface Capture {
  url: string;
  title: string;
  published: string;
  page: string;
}

/** A site's routes: its RSS feed (ETag, 304) and one page per capture. */
export function buildSite(origin: string, captures: readonly Capture[]): Record<string, Route> {
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

/** The capture at `index` of the manifest is served by site `index % 3`, at `<origin>/news/<index>`. */
export function captureUrl(origins: readonly string[], index: number): string {
  return `${origins[index % origins.length]}/news/${index}`;
}

/**
 * Each site's captures, in manifest order. `headlineOf` is the seeded document's headline: a
 * capture without a title gets the desk's, as the seed gives it, and a site shows one.
 */
export function buildCaptures(
  entries: readonly CaptureEntry[],
  raws: Readonly<Record<string, string>>,
  headlineOf: (entry: CaptureEntry) => string,
  origins: readonly string[],
): Map<string, Capture[]> {
  const bySite = new Map<string, Capture[]>();
  entries.forEach((entry, index) => {
    const headline = headlineOf(entry);
    const origin = origins[index % origins.length] ?? '';
    const lines = (raws[entry.file] ?? '').split(/\r?\n/).filter((line) => line.trim() !== '');
    const layout = LAYOUTS[index % LAYOUTS.length] ?? LAYOUTS[0]!;
    bySite.set(origin, [
      ...(bySite.get(origin) ?? []),
      {
        url: captureUrl(origins, index),
        title: headline,
        published: entry.published,
        page: layout(escapeHtml(headline), lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')),
      },
    ]);
  });
  return bySite;
}

/** A report that appears on a site after the first poll. */
export function createFreshCapture(origin: string): Capture {
  const title = 'Japan and Uzbekistan open a joint engineering school in Tashkent';
  return {
    url: `${origin}/news/new`,
    title,
    published: '2025-12-22',
    page: LAYOUTS[0]!(
      title,
      '<p>A joint engineering school built with Japanese support opened in Tashkent on Monday, the ministry of higher education said.</p>',
    ),
  };
}
