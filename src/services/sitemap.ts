/**
 * Sitemaps (sitemaps.org 0.9) with hreflang alternates: every page exists in every edition,
 * so each is listed once per edition, each entry naming all editions and x-default (Google's
 * rule: every language version lists every other, itself included). A file holds at most
 * 50,000 URLs; a bigger site gets a sitemap index of numbered files. Pure strings, no clock.
 */
import { EDITIONS, LANGUAGE_TAGS } from './languages.ts';
import { escapeXml } from './feeds.ts';

/** Pages (paths after the edition, e.g. "/articles/x") per file: × 4 editions ≤ 50,000 URLs. */
export const SITEMAP_PAGES_PER_FILE = 12_000;

export interface SitemapPage {
  /** The path after /{lang}, starting with "/". */
  rest: string;
  /** ISO 8601 instant of the last change, when known. */
  updatedAt?: string | undefined;
}

const HEADER = '<?xml version="1.0" encoding="UTF-8"?>';

function urlEntry(origin: string, lang: string, page: SitemapPage): string {
  const alternates = EDITIONS.map(
    (code) =>
      `    <xhtml:link rel="alternate" hreflang="${LANGUAGE_TAGS[code]}" href="${escapeXml(`${origin}/${code}${page.rest}`)}"/>`,
  );
  const fallback = page.rest === '/' ? `${origin}/` : `${origin}/en${page.rest}`;
  return [
    '  <url>',
    `    <loc>${escapeXml(`${origin}/${lang}${page.rest}`)}</loc>`,
    ...(page.updatedAt ? [`    <lastmod>${page.updatedAt.slice(0, 10)}</lastmod>`] : []),
    ...alternates,
    `    <xhtml:link rel="alternate" hreflang="x-default" href="${escapeXml(fallback)}"/>`,
    '  </url>',
  ].join('\n');
}

/** One urlset: every page of `pages` in every edition. */
export function buildUrlSet(origin: string, pages: readonly SitemapPage[]): string {
  const entries = pages.flatMap((page) => EDITIONS.map((lang) => urlEntry(origin, lang, page)));
  return [
    HEADER,
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...entries,
    '</urlset>',
    '',
  ].join('\n');
}

/** The index of files /sitemap-1.xml … /sitemap-N.xml. */
export function buildSitemapIndex(origin: string, files: number): string {
  const entries = Array.from(
    { length: files },
    (_, index) => `  <sitemap><loc>${escapeXml(`${origin}/sitemap-${index + 1}.xml`)}</loc></sitemap>`,
  );
  return [
    HEADER,
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries,
    '</sitemapindex>',
    '',
  ].join('\n');
}

/** robots.txt: everything may be crawled except the API and the language switch; the sitemap's address. */
export function buildRobotsTxt(origin: string): string {
  return ['User-agent: *', 'Disallow: /api/', 'Disallow: /lang/', '', `Sitemap: ${origin}/sitemap.xml`, ''].join('\n');
}
