/**
 * The read-only JSON API for readers' tools: /api/v1/{lang}/…, validated with zod and
 * described by the OpenAPI document at /api/v1/openapi.json. CORS is open for GET.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import type { AppEnv } from '../app-env.ts';
import { SLUG_PATTERN } from '../services/ingest.ts';
import { DomainError } from '../services/domain-error.ts';
import { admin } from './admin.ts';
import { getArticle } from '../db/article.ts';
import { listArticlesAfter } from '../db/queries.ts';
import { BOOKMARK_HEADER } from '../db/session.ts';
import { searchDocuments } from '../db/search.ts';
import { cutSnippets, SNIPPET_END, SNIPPET_START } from '../services/search-snippet.ts';
import { getWeekSummary } from '../db/summaries.ts';
import { isIsoWeek } from '../services/iso-week.ts';
import { selectEntityDescription, selectEntityName } from '../services/entity-text.ts';
import { chooseText, getContentLanguage, getScript, tagForText, type Edition } from '../services/languages.ts';
import { parseSearchQuery } from '../services/search-query.ts';
import {
  type ApiLanguage,
  ArticleSchema,
  ArticleSummarySchema,
  COMMON_RESPONSES,
  decimalParam,
  describeApi,
  jsonError,
  LangParam,
  SearchResultSchema,
  WeekSchema,
} from './api-schemas.ts';
import { conditionalGet } from './conditional.ts';

/** Stored languages are en, uz and ja, so their tags are the four the schema lists (ajv checks it). */
const tagOf = (textLanguage: string, lang: Edition): ApiLanguage => tagForText(textLanguage, lang) as ApiLanguage;

export const api = new OpenAPIHono<AppEnv>({
  defaultHook: (result) => {
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new DomainError('invalid_request', `${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`);
    }
  },
});

// First, so that its fallback answers every /api/v1/admin/ path (before the read routes'
// middleware, whose `:lang` would match "admin"), and its routes are in the one document.
api.route('/', admin);

api.use(
  '/api/v1/*',
  cors({
    origin: '*',
    allowMethods: ['GET', 'HEAD', 'OPTIONS'],
    allowHeaders: ['If-None-Match', BOOKMARK_HEADER],
    // Without this a browser client could read none of them (they are not CORS-safelisted).
    exposeHeaders: ['ETag', BOOKMARK_HEADER, 'X-Cache'],
    maxAge: 86400,
  }),
);
// The edge cache, ETag and 304 of the pages, for the API's read routes too (read-routes.ts).
api.use('/api/v1/:lang/*', conditionalGet);

function encodeCursor(publishedOn: string, id: number): string {
  return btoa(`${publishedOn}|${id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeCursor(cursor: string): { publishedOn: string; id: number } | null {
  try {
    const [publishedOn = '', id = ''] = atob(cursor.replace(/-/g, '+').replace(/_/g, '/')).split('|');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(publishedOn) || !/^\d{1,12}$/.test(id)) return null;
    return { publishedOn, id: Number(id) };
  } catch {
    return null;
  }
}

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/{lang}/articles',
  operationId: 'listArticles',
  description:
    'Articles of an edition, newest first, a page at a time: pass `nextCursor` back as `cursor` for the next page.',
  tags: ['articles'],
  summary: 'Articles, newest first',
  request: {
    params: z.object({ lang: LangParam }),
    query: z.object({
      cursor: z.string().max(200).optional().openapi({ description: 'nextCursor of the previous page' }),
      limit: decimalParam(1, 100, 20),
    }),
  },
  responses: {
    200: {
      content: {
        'application/json': {
          schema: z
            .object({ items: z.array(ArticleSummarySchema), nextCursor: z.string().nullable() })
            .openapi('ArticlePage'),
        },
      },
      description: 'Articles, newest first',
    },
    400: jsonError('Invalid parameters'),
    ...COMMON_RESPONSES,
  },
});

api.openapi(listRoute, async (c) => {
  const { lang } = c.req.valid('param');
  const { cursor, limit } = c.req.valid('query');
  const after = cursor === undefined ? null : decodeCursor(cursor);
  if (cursor !== undefined && after === null)
    throw new DomainError('invalid_cursor', 'cursor: not a cursor this API issued');
  const contentLang = getContentLanguage(lang);
  const script = getScript(lang);
  const rows = await listArticlesAfter(c.get('db'), contentLang, after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const origin = new URL(c.req.url).origin;
  return c.json(
    {
      items: page.map((row) => ({
        slug: row.slug,
        url: `${origin}/${lang}/articles/${row.slug}`,
        headline: row.textLanguage === contentLang ? script(row.headline) : row.headline,
        summary: row.textLanguage === contentLang ? script(row.summary) : row.summary,
        language: tagOf(row.textLanguage, lang),
        publishedOn: row.publishedOn,
        source: { name: row.sourceName, url: row.sourceUrl },
        topics: row.topics,
      })),
      nextCursor: rows.length > limit && last ? encodeCursor(last.publishedOn, last.id) : null,
    },
    200,
  );
});

const articleRoute = createRoute({
  method: 'get',
  path: '/api/v1/{lang}/articles/{slug}',
  operationId: 'getArticle',
  description:
    "One article in an edition's language, or in its original language when it is not translated yet (see `language`).",
  tags: ['articles'],
  summary: 'One article',
  request: {
    params: z.object({
      lang: LangParam,
      slug: z
        .string()
        .regex(SLUG_PATTERN)
        .max(120)
        .openapi({ param: { name: 'slug', in: 'path' } }),
    }),
  },
  responses: {
    200: { content: { 'application/json': { schema: ArticleSchema } }, description: 'One article' },
    400: jsonError('Invalid parameters'),
    ...COMMON_RESPONSES,
    404: jsonError('No such article'),
  },
});

function nullableScript(lang: Edition, text: string | null): string | null {
  return text === null ? null : getScript(lang)(text);
}

api.openapi(articleRoute, async (c) => {
  const { lang, slug } = c.req.valid('param');
  const article = await getArticle(c.get('db'), slug);
  if (!article) throw new DomainError('not_found', `no article "${slug}"`);
  const contentLang = getContentLanguage(lang);
  const { text, isFallback } = chooseText(article.texts, contentLang, article.originalLanguage);
  const script = isFallback ? (value: string) => value : getScript(lang);
  const origin = new URL(c.req.url).origin;
  return c.json(
    {
      slug: article.slug,
      url: `${origin}/${lang}/articles/${article.slug}`,
      headline: script(text?.headline ?? ''),
      language: tagOf(isFallback ? (text?.lang ?? article.originalLanguage) : contentLang, lang),
      publishedOn: article.publishedOn,
      isoWeek: article.isoWeek,
      source: { name: article.sourceName, url: article.sourceUrl },
      topics: article.topics,
      paragraphs: (text?.blocks ?? []).map((block) => ({ kind: block.kind, text: script(block.text) })),
      entities: article.entities.map((entity) => ({
        slug: entity.slug,
        kind: entity.kind,
        name: getScript(lang)(selectEntityName(entity, contentLang)),
        description: nullableScript(lang, selectEntityDescription(entity, contentLang)),
      })),
      translations: article.texts.map((candidate) => candidate.lang).sort(),
    },
    200,
  );
});

const weekRoute = createRoute({
  method: 'get',
  path: '/api/v1/{lang}/weeks/{week}',
  operationId: 'getWeeklySummary',
  description:
    'The summary of one ISO week in an edition: its stories with their sources, key figures and topic counts.',
  tags: ['weeks'],
  summary: 'One weekly summary',
  request: {
    params: z.object({
      lang: LangParam,
      week: z
        .string()
        .regex(/^\d{4}-W\d{2}$/)
        .openapi({ param: { name: 'week', in: 'path' }, example: '2025-W51' }),
    }),
  },
  responses: {
    200: { content: { 'application/json': { schema: WeekSchema } }, description: 'A weekly summary' },
    400: jsonError('Invalid parameters'),
    ...COMMON_RESPONSES,
    404: jsonError('No summary for that week'),
  },
});

api.openapi(weekRoute, async (c) => {
  const { lang, week } = c.req.valid('param');
  const row = isIsoWeek(week) ? await getWeekSummary(c.get('db'), week, lang) : undefined;
  if (!row) throw new DomainError('not_found', `no weekly summary for ${week}`);
  const summary = row.content;
  const origin = new URL(c.req.url).origin;
  return c.json(
    {
      week,
      language: tagOf(getContentLanguage(lang), lang),
      title: summary.title,
      intro: summary.intro,
      url: `${origin}/${lang}/weeks/${week}`,
      firstPublishedAt: row.firstPublishedAt,
      updatedAt: row.updatedAt,
      stories: summary.stories.map((story) => ({
        headline: story.headline,
        language: tagOf(story.textLang, lang),
        sentences: story.sentences,
        sources: story.sources.map((source) => ({
          slug: source.slug,
          name: source.name,
          url: source.url,
          headline: source.headline,
        })),
        topics: story.topics,
      })),
      topicCounts: summary.topicCounts,
      figures: summary.figures.map((figure) => ({ value: figure.value, display: figure.display })),
    },
    200,
  );
});

const searchRoute = createRoute({
  method: 'get',
  path: '/api/v1/{lang}/search',
  operationId: 'search',
  description: "Full-text search over every language, results in the edition's language where translated; 20 a page.",
  tags: ['search'],
  summary: 'Search every language',
  request: {
    params: z.object({ lang: LangParam }),
    query: z.object({
      q: z.string().max(10_000).default(''),
      page: decimalParam(1, 1000, 1),
    }),
  },
  responses: {
    200: { content: { 'application/json': { schema: SearchResultSchema } }, description: 'Search results' },
    400: jsonError('Invalid parameters'),
    ...COMMON_RESPONSES,
  },
});

const MARKERS = new RegExp(`[${SNIPPET_START}${SNIPPET_END}]`, 'g');

api.openapi(searchRoute, async (c) => {
  const { lang } = c.req.valid('param');
  const { q, page } = c.req.valid('query');
  const query = parseSearchQuery(q);
  const contentLang = getContentLanguage(lang);
  const script = getScript(lang);
  const found = await searchDocuments(c.get('db'), query, contentLang, page, 20);
  const { total } = found;
  const hits = cutSnippets(found.hits, query.terms);
  const origin = new URL(c.req.url).origin;
  return c.json(
    {
      query: query.text,
      total,
      page,
      items: hits.map((hit) => ({
        slug: hit.slug,
        url: `${origin}/${lang}/articles/${hit.slug}`,
        headline: hit.isFallback ? hit.headline : script(hit.headline),
        language: tagOf(hit.isFallback ? hit.textLanguage : contentLang, lang),
        publishedOn: hit.publishedOn,
        source: hit.sourceName,
        snippet: (hit.snippetLanguage === contentLang ? script(hit.snippet) : hit.snippet).replace(MARKERS, ''),
        matchedLanguage: tagOf(hit.snippetLanguage, lang),
      })),
    },
    200,
  );
});

api.doc31('/api/v1/openapi.json', (c) => describeApi(new URL(c.req.url).origin));

// Anything else under /api answers in JSON too, never with an HTML page.
api.all('/api/*', () => {
  throw new DomainError('not_found', 'no such API route');
});
