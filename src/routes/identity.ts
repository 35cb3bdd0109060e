/**
 * The files every site has: the web app manifest, robots.txt and the sitemap. The images they
 * name (favicon, icons, the card image) are static assets in public/ (`npm run identity`,
 * wrangler.toml `[assets]`), served before the Worker runs; the sitemap is read from D1 and
 * cached like a page (conditional.ts).
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { listSitemapRows } from '../db/sitemap.ts';
import { TOPIC_IDS } from '../data/topic-ids.ts';
import {
  buildRobotsTxt,
  buildSitemapIndex,
  buildUrlSet,
  SITEMAP_PAGES_PER_FILE,
  type SitemapPage,
} from '../services/sitemap.ts';
import { conditionalGet } from './conditional.ts';

export const identity = new Hono<AppEnv>();

/** The logo's ground (assets/icon.svg); views/layout.tsx sends the same `theme-color`. */
const THEME_COLOR = '#0f4c5c';
/** Constant files change only with a deploy: a day in any cache is true enough. */
const STATIC_CACHE = 'public, max-age=86400';

function serveFile(c: Context<AppEnv>, body: string, type: string): Response {
  return c.body(body, 200, {
    'Content-Type': type,
    'Cache-Control': STATIC_CACHE,
  });
}

identity.get('/manifest.webmanifest', (c) =>
  serveFile(
    c,
    JSON.stringify({
      name: 'Silk Digest',
      short_name: 'Silk Digest',
      description: 'Uzbekistan–Japan news, every week, in English, Uzbek and Japanese.',
      start_url: '/',
      scope: '/',
      display: 'browser',
      theme_color: THEME_COLOR,
      background_color: '#fdf6e3',
      icons: [
        { src: '/icon.svg', type: 'image/svg+xml', sizes: 'any' },
        { src: '/icon-192.png', type: 'image/png', sizes: '192x192' },
        { src: '/icon-512.png', type: 'image/png', sizes: '512x512' },
      ],
    }),
    'application/manifest+json',
  ),
);

identity.get('/robots.txt', (c) =>
  serveFile(c, buildRobotsTxt(new URL(c.req.url).origin), 'text/plain; charset=utf-8'),
);

identity.use('/sitemap.xml', conditionalGet);
identity.use('/:file{sitemap-[1-9][0-9]{0,4}\\.xml}', conditionalGet);

/** Every page of one edition as paths after /{lang}; search results are left out (noindex). */
async function listSitemapPages(c: Context<AppEnv>): Promise<SitemapPage[]> {
  const rows = await listSitemapRows(c.get('db'));
  const liveTopics = new Set(rows.topics);
  return [
    { rest: '/' },
    { rest: '/weeks/' },
    { rest: '/topics/' },
    { rest: '/subscribe' },
    { rest: '/about' },
    ...rows.weeks.map((week) => ({ rest: `/weeks/${week.week}`, updatedAt: week.updatedAt })),
    ...TOPIC_IDS.filter((topic) => liveTopics.has(topic)).map((topic) => ({ rest: `/topics/${topic}` })),
    ...rows.entities.map((slug) => ({ rest: `/entities/${slug}` })),
    ...rows.articles.map((article) => ({ rest: `/articles/${article.slug}`, updatedAt: article.updatedAt })),
  ];
}

const XML = 'application/xml; charset=utf-8';

identity.get('/sitemap.xml', async (c) => {
  const origin = new URL(c.req.url).origin;
  const pages = await listSitemapPages(c);
  const files = Math.ceil(pages.length / SITEMAP_PAGES_PER_FILE);
  const body = files <= 1 ? buildUrlSet(origin, pages) : buildSitemapIndex(origin, files);
  return c.body(body, 200, { 'Content-Type': XML });
});

identity.get('/:file{sitemap-[1-9][0-9]{0,4}\\.xml}', async (c) => {
  const number = Number(/\d+/.exec(c.req.param('file'))?.[0]);
  const pages = await listSitemapPages(c);
  const chunk = pages.slice((number - 1) * SITEMAP_PAGES_PER_FILE, number * SITEMAP_PAGES_PER_FILE);
  // Numbered files exist only when the site needs an index.
  if (pages.length <= SITEMAP_PAGES_PER_FILE || chunk.length === 0) return c.notFound();
  return c.body(buildUrlSet(new URL(c.req.url).origin, chunk), 200, { 'Content-Type': XML });
});
