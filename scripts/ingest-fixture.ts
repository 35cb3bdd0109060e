/**
 * A local news web for ingestion runs (the benchmark; usable by an end-to-end test): a Node
 * HTTP server that serves `sources` RSS feeds of `items` items each, every item an article page
 * in one of three differently built news sites (menus, cookie banners, share buttons, related
 * links, comments and footers around the story), plus robots.txt. Every article names
 * Uzbekistan and Japan and has its own numbers, so each is relevant and none is a duplicate.
 * It counts the requests it answers, so a caller can tell what one poll cost in subrequests.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Fixture {
  origin: string;
  feedUrl: (source: number) => string;
  /** Requests answered so far. */
  requests: () => number;
  close: () => Promise<void>;
}

const SITES = [
  (title: string, body: string) =>
    `<!doctype html><html><head><meta charset="utf-8"><title>${title} | Daily Wire</title><meta property="og:site_name" content="Daily Wire"></head><body>
<header class="site-header"><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li></ul></nav></header>
<div id="cookie-banner"><p>We use cookies to personalise content and ads. By continuing you agree to our cookie policy and terms.</p></div>
<main><article class="story"><h1>${title}</h1>${body}<div class="share-buttons"><p>Share on Telegram</p><p>Share on Facebook</p></div></article>
<aside class="related-news"><h3>Related news</h3><p>Another long report about regional trade and the weather in the capital this weekend.</p></aside></main>
<footer><p>© Daily Wire. All rights reserved. Reproduction only with an active hyperlink to the source.</p></footer></body></html>`,
  (title: string, body: string) =>
    `<!doctype html><html><head><meta charset="utf-8"><title>${title} — Asia Monitor</title></head><body>
<div class="navbar"><p>Politics Economy Culture Sport Opinion Video Podcasts Newsletters Subscribe</p></div>
<div class="layout"><div class="col-main"><div class="post-content"><h1>${title}</h1>${body}</div>
<div class="comments"><p>Reader: very interesting, thank you for this detailed article about the visit.</p></div></div>
<div class="sidebar"><p>Most read this week: ten stories you may have missed, and a quiz about them all.</p></div></div>
<div class="footer"><p>Asia Monitor, registered as a mass medium. Contacts, advertising and the editorial board.</p></div></body></html>`,
  (title: string, body: string) =>
    `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>
<nav><a href="/">Bosh sahifa</a></nav>
<div class="gdpr-consent"><p>This website stores cookies on your computer to improve your experience. Accept or decline.</p></div>
<section class="news-body"><h2>${title}</h2>${body}</section>
<div class="newsletter"><p>Subscribe to our newsletter to receive the main news of the day in your inbox every evening.</p></div>
<footer><p>Central Asia Herald, all materials are protected by copyright law and international treaties.</p></footer></body></html>`,
];

function article(source: number, item: number): { title: string; html: string } {
  const n = source * 1000 + item;
  const title = `Uzbekistan and Japan agree project ${n} in Samarkand`;
  const paragraphs = [
    `Uzbekistan and Japan signed an agreement on project ${n} worth ${(n % 97) + 3} million dollars in Samarkand on Tuesday, officials said.`,
    `The project, number ${n} in the joint portfolio, will be financed by the Japan International Cooperation Agency over ${(n % 7) + 2} years.`,
    `Engineers from Tokyo and Tashkent will train ${(n % 50) + 20} local specialists, according to a statement issued after the meeting.`,
    `The sides also discussed direct flights, student exchanges and the next meeting of the intergovernmental commission, planned for autumn ${2026 + (n % 3)}.`,
  ];
  const body = paragraphs.map((text) => `<p>${text}</p>`).join('\n');
  const site = SITES[n % SITES.length] ?? SITES[0]!;
  return { title, html: site(title, body) };
}

function feed(origin: string, source: number, items: number): string {
  const entries: string[] = [];
  for (let item = 0; item < items; item++) {
    const date = new Date(Date.UTC(2025, 11, 1) + (source * items + item) * 60_000).toUTCString();
    entries.push(
      `<item><guid>src${source}-item${item}</guid><link>${origin}/s${source}/a${item}.html</link><title>${article(source, item).title}</title><pubDate>${date}</pubDate></item>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Source ${source}</title><link>${origin}/</link>${entries.join('')}</channel></rss>`;
}

export async function startIngestFixture(options: { sources: number; items: number }): Promise<Fixture> {
  let count = 0;
  let origin = '';
  const server: Server = createServer((request, response) => {
    count++;
    const path = request.url ?? '/';
    const feedMatch = /^\/feeds\/(\d+)\.xml$/.exec(path);
    const pageMatch = /^\/s(\d+)\/a(\d+)\.html$/.exec(path);
    if (path === '/robots.txt') {
      response.writeHead(200, { 'Content-Type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n');
    } else if (feedMatch && Number(feedMatch[1]) < options.sources) {
      response.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' });
      response.end(feed(origin, Number(feedMatch[1]), options.items));
    } else if (pageMatch) {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(article(Number(pageMatch[1]), Number(pageMatch[2])).html);
    } else {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    feedUrl: (source) => `${origin}/feeds/${source}.xml`,
    requests: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
