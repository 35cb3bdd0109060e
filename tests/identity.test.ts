/** The files every site has, and the tags that make a shared link show a card. */
import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { buildSitemapIndex, buildUrlSet, SITEMAP_PAGES_PER_FILE } from '../src/services/sitemap.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { get, ORIGIN } from './helpers/http.ts';

const ARTICLE = 'mirziyoyev-and-takaichi-hold-talks-in-tokyo';

beforeAll(async () => {
  await seedTestCorpus(env.DB);
  await worker.scheduled(
    createScheduledController({ scheduledTime: new Date('2025-12-22T06:00:00Z'), cron: '0 6 * * 1' }),
    env,
  );
});

/**
 * A static asset as the platform serves it (wrangler.toml [assets], public/_headers): the pool's
 * requests go straight to the Worker, so the tests read the files through the ASSETS binding.
 */
function asset(path: string): Promise<Response> {
  return env.ASSETS.fetch(new Request(`${ORIGIN}${path}`));
}

function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('identity files', () => {
  it('/favicon.ico is an ICO of 16, 32 and 48 px PNGs', async () => {
    const response = await asset('/favicon.ico');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/x-icon');
    const bytes = new Uint8Array(await response.arrayBuffer());
    const view = new DataView(bytes.buffer);
    expect([view.getUint16(0, true), view.getUint16(2, true), view.getUint16(4, true)]).toEqual([0, 1, 3]);
    expect([bytes[6], bytes[22], bytes[38]]).toEqual([16, 32, 48]);
    const first = view.getUint32(6 + 12, true);
    expect(pngSize(bytes.slice(first))).toEqual({ width: 16, height: 16 });
  });

  it('/icon.svg, the icons and the default card image are real images of the right size', async () => {
    const svg = await asset('/icon.svg');
    expect(svg.headers.get('Content-Type')).toBe('image/svg+xml');
    expect(XMLValidator.validate(await svg.text())).toBe(true);
    const sizes: [string, number, number][] = [
      ['/og-image.png', 1200, 630],
      ['/icon-192.png', 192, 192],
      ['/icon-512.png', 512, 512],
    ];
    for (const [path, width, height] of sizes) {
      const response = await asset(path);
      expect(response.headers.get('Content-Type'), path).toBe('image/png');
      expect(pngSize(new Uint8Array(await response.arrayBuffer())), path).toEqual({ width, height });
    }
  });

  it('the images are static assets: cached for a day, with security headers, never the Worker', async () => {
    for (const path of ['/favicon.ico', '/icon.svg', '/icon-192.png', '/icon-512.png', '/og-image.png']) {
      // Off the bundle: the Worker itself no longer knows these paths.
      expect((await get(path)).status, path).toBe(404);
      const response = await asset(path);
      await response.arrayBuffer();
      expect(response.headers.get('Cache-Control'), path).toBe('public, max-age=86400');
      expect(response.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
      expect(response.headers.get('Content-Security-Policy'), path).toContain("default-src 'none'");
    }
  });

  it('/manifest.webmanifest names the site and its icons, and the CSP lets a browser load it', async () => {
    const response = await get('/manifest.webmanifest');
    expect(response.headers.get('Content-Type')).toBe('application/manifest+json');
    const manifest = await response.json<{ name: string; icons: { src: string }[]; theme_color: string }>();
    expect(manifest.name).toBe('Silk Digest');
    for (const icon of manifest.icons) expect((await asset(icon.src)).status, icon.src).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toContain("manifest-src 'self'");
  });

  it('/robots.txt keeps crawlers off the API and the language switch, and names the sitemap', async () => {
    const text = await (await get('/robots.txt')).text();
    expect(text).toContain('Disallow: /api/');
    expect(text).toContain('Disallow: /lang/');
    expect(text).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
  });
});

describe('sitemap', () => {
  interface Entry {
    loc: string;
    'xhtml:link': { '@_hreflang': string; '@_href': string }[];
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => ['url', 'xhtml:link', 'sitemap'].includes(name),
  });

  it('lists every page of every edition, each with all its hreflang alternates', async () => {
    const response = await get('/sitemap.xml');
    expect(response.headers.get('Content-Type')).toMatch(/^application\/xml/);
    const xml = await response.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const urls = (parser.parse(xml) as { urlset: { url: Entry[] } }).urlset.url;
    const locs = urls.map((url) => url.loc);
    for (const lang of ['en', 'uz', 'uz-Cyrl', 'ja']) {
      for (const rest of ['/', `/articles/${ARTICLE}`, '/weeks/2025-W51', '/weeks/', '/topics/', '/topics/diplomacy']) {
        expect(locs, `${lang}${rest}`).toContain(`${ORIGIN}/${lang}${rest}`);
      }
    }
    expect(locs.some((loc) => loc.includes('/search'))).toBe(false);
    const article = urls.find((url) => url.loc === `${ORIGIN}/uz-Cyrl/articles/${ARTICLE}`);
    expect(article?.['xhtml:link'].map((link) => link['@_hreflang'])).toEqual([
      'en',
      'uz-Latn',
      'uz-Cyrl',
      'ja',
      'x-default',
    ]);
    // Listed pages exist (a sample of one edition: the others are the same pages).
    for (const loc of locs.filter((loc) => loc.startsWith(`${ORIGIN}/en/`)).slice(0, 12)) {
      expect((await get(loc.slice(ORIGIN.length))).status, loc).toBe(200);
    }
  }, 30_000);

  it('becomes an index of numbered files when one file would pass 50,000 URLs', () => {
    const pages = Array.from({ length: SITEMAP_PAGES_PER_FILE }, (_, i) => ({ rest: `/articles/a${i}` }));
    const locs = buildUrlSet(ORIGIN, pages).match(/<loc>/g)?.length ?? 0;
    expect(locs).toBeLessThanOrEqual(50_000);
    const index = parser.parse(buildSitemapIndex(ORIGIN, 3)) as { sitemapindex: { sitemap: { loc: string }[] } };
    expect(index.sitemapindex.sitemap.map((entry) => entry.loc)).toEqual(
      [1, 2, 3].map((n) => `${ORIGIN}/sitemap-${n}.xml`),
    );
  });

  it('a numbered file is a 404 while the site fits in one', async () => {
    expect((await get('/sitemap-1.xml')).status).toBe(404);
  });
});

describe('link cards', () => {
  it('pages carry Open Graph and Twitter tags with the default image, and link the icons', async () => {
    const html = await (await get(`/ja/articles/${ARTICLE}`)).text();
    for (const tag of [
      `<meta property="og:url" content="${ORIGIN}/ja/articles/${ARTICLE}"/>`,
      '<meta property="og:locale" content="ja_JP"/>',
      '<meta property="og:locale:alternate" content="en_GB"/>',
      '<meta property="og:locale:alternate" content="uz_UZ"/>',
      `<meta property="og:image" content="${ORIGIN}/og-image.png"/>`,
      '<meta name="twitter:card" content="summary_large_image"/>',
      `<meta name="twitter:image" content="${ORIGIN}/og-image.png"/>`,
      '<link rel="icon" href="/icon.svg" type="image/svg+xml"/>',
      '<link rel="manifest" href="/manifest.webmanifest"/>',
      '<meta name="theme-color" content="#0f4c5c"/>',
    ]) {
      expect(html).toContain(tag);
    }
    expect(html).toMatch(/<meta property="og:title" content="[^"]+"\/>/);
    expect(html).toMatch(/<meta name="twitter:title" content="[^"]+"\/>/);
  });
});
