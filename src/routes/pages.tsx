/** Reader-facing HTML pages of one edition: /{lang}/… (HTTP concerns only). */
import { Hono } from 'hono';
import { getArticlePage } from '../db/article-page.ts';
import { getHomePage } from '../db/queries.ts';
import type { Story } from '../services/weekly-summary.ts';
import { getTranslator } from '../i18n/index.ts';
import { getContentLanguage, isEdition } from '../services/languages.ts';
import type { AppEnv } from '../app-env.ts';
import { SLUG_PATTERN } from '../services/ingest.ts';
import { parsePage } from '../services/paging.ts';
import { ArticlePage } from '../views/article.tsx';
import { HomePage } from '../views/home.tsx';
import { chooseLeadImage } from '../services/lead-image.ts';
import { conditionalGet, toHttpDate } from './conditional.ts';
import { pageNotFound } from './error-response.tsx';
import { buildContentSecurityPolicy } from './security-headers.ts';
import { buildPageContext } from './page-helpers.tsx';
import { registerWeekRoutes } from './weeks.tsx';
import { registerExploreRoutes } from './explore.tsx';
import { registerReaderPages } from './reader-pages.tsx';

const PAGE_SIZE = 10;

export const pages = new Hono<AppEnv>();

pages.use('/:lang/*', async (c, next) => {
  const lang = c.req.param('lang');
  if (!isEdition(lang)) return c.notFound();
  c.set('lang', lang);
  c.set('t', getTranslator(lang));
  await next();
});
pages.use('/:lang/*', conditionalGet);

pages.get('/:lang/', async (c) => {
  const lang = c.get('lang');
  const pageNumber = parsePage(c.req.query('page'));
  if (pageNumber === null) throw pageNotFound();
  const { total, lastModified, items, top } = await getHomePage(
    c.get('db'),
    lang,
    getContentLanguage(lang),
    pageNumber,
    PAGE_SIZE,
  );
  if (lastModified) c.header('Last-Modified', toHttpDate(lastModified));
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (pageNumber > pageCount) throw pageNotFound();
  const rest = pageNumber === 1 ? '/' : `/?page=${pageNumber}`;
  return c.html(
    <HomePage
      page={buildPageContext(c.req.url, lang, rest)}
      items={items}
      pageNumber={pageNumber}
      pageCount={pageCount}
      // The newest week's top story leads the first page, as a front page does.
      topStory={pageNumber === 1 && top?.story ? { week: top.week, story: JSON.parse(top.story) as Story } : null}
    />,
  );
});

pages.get('/:lang/articles/:slug', async (c) => {
  const lang = c.get('lang');
  const slug = c.req.param('slug');
  const data = SLUG_PATTERN.test(slug) ? await getArticlePage(c.get('db'), slug, lang, getContentLanguage(lang)) : null;
  if (!data) throw pageNotFound('articleNotFound');
  c.header('Last-Modified', toHttpDate(data.article.updatedAt));
  const { provenance } = data.article;
  const leadImage = provenance
    ? chooseLeadImage(provenance.rights, provenance.leadImageUrl, provenance.leadImageCredit)
    : null;
  // The page loads its lead image from the publisher: that one origin, and only on this page.
  if (leadImage) c.header('Content-Security-Policy', buildContentSecurityPolicy([leadImage.origin]));
  return c.html(
    <ArticlePage page={buildPageContext(c.req.url, lang, `/articles/${slug}`)} data={data} leadImage={leadImage} />,
  );
});

registerWeekRoutes(pages);
registerExploreRoutes(pages);
registerReaderPages(pages);

// Before the catch-all below: `/:lang/*` also matches `/en`.
pages.get('/:lang', (c) => {
  const lang = c.req.param('lang');
  return isEdition(lang) ? c.redirect(`/${lang}/`, 301) : c.notFound();
});
// Anything else under a known edition is a 404 in that edition's language.
pages.all('/:lang/*', () => {
  throw pageNotFound();
});
