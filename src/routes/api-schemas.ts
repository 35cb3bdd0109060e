/**
 * The JSON API's shapes (zod, which both validates and describes) and its OpenAPI 3.1 document
 * description: one module, so the document and the answers cannot drift apart.
 */
import { z } from '@hono/zod-openapi';
import { EDITIONS } from '../services/languages.ts';

const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'not_found' }),
      message: z.string().openapi({ description: 'For people; `code` is for programs.' }),
    }),
  })
  .openapi('Error');

/** The language of a text as pages and feeds tag it (BCP 47): never the bare "uz". */
const LanguageTag = z.enum(['en', 'uz-Latn', 'uz-Cyrl', 'ja']).openapi({ description: 'BCP 47 language tag' });
export type ApiLanguage = z.infer<typeof LanguageTag>;
const Instant = z.iso.datetime().openapi({ example: '2025-12-22T06:00:00.000Z' });
const CalendarDate = z.iso.date().openapi({ example: '2025-12-20' });

export const LangParam = z.enum(EDITIONS).openapi({ param: { name: 'lang', in: 'path' }, example: 'en' });

export const ArticleSummarySchema = z
  .object({
    slug: z.string(),
    url: z.url(),
    headline: z.string(),
    summary: z.string(),
    language: LanguageTag.openapi({ description: 'Language of headline and summary (the original when untranslated)' }),
    publishedOn: CalendarDate,
    source: z.object({ name: z.string(), url: z.url() }),
    topics: z.array(z.string()),
  })
  .openapi('ArticleSummary');

export const ArticleSchema = ArticleSummarySchema.omit({ summary: true })
  .extend({
    isoWeek: z.string(),
    paragraphs: z.array(z.object({ kind: z.enum(['p', 'h']), text: z.string() })),
    entities: z.array(
      z.object({
        slug: z.string(),
        kind: z.string(),
        name: z.string(),
        description: z.string().nullable().openapi({
          description: 'One or two factual sentences on the entity, in the edition (null when none is stored)',
        }),
      }),
    ),
    translations: z.array(z.string()),
  })
  .openapi('Article');

export const WeekSchema = z
  .object({
    week: z.string().openapi({ example: '2025-W51' }),
    language: LanguageTag,
    title: z.string(),
    intro: z.string(),
    url: z.url(),
    firstPublishedAt: Instant.openapi({ description: 'When the summary was published (the Monday after the week)' }),
    updatedAt: Instant.openapi({ description: 'When its content last changed' }),
    stories: z.array(
      z.object({
        headline: z.string(),
        language: LanguageTag,
        sentences: z.array(z.string()),
        sources: z.array(z.object({ slug: z.string(), name: z.string(), url: z.url(), headline: z.string() })),
        topics: z.array(z.string()),
      }),
    ),
    topicCounts: z.array(z.object({ topic: z.string(), label: z.string(), count: z.number().int() })),
    figures: z.array(z.object({ value: z.number(), display: z.string() })),
  })
  .openapi('WeeklySummary');

export const SearchResultSchema = z
  .object({
    query: z.string(),
    total: z.number().int(),
    page: z.number().int(),
    items: z.array(
      z.object({
        slug: z.string(),
        url: z.url(),
        headline: z.string(),
        language: LanguageTag,
        publishedOn: CalendarDate,
        source: z.string(),
        snippet: z.string().openapi({ description: 'Plain text around the match' }),
        matchedLanguage: LanguageTag,
      }),
    ),
  })
  .openapi('SearchResults');

export const jsonError = (description: string) => ({
  content: { 'application/json': { schema: ErrorSchema } },
  description,
});

/**
 * A count in the query: plain decimal digits only. z.coerce.number() would read "0x10" as 16,
 * "1e1" as 10 and " 5" as 5, so three spellings of one request would each get an answer.
 */
export function decimalParam(min: number, max: number, fallback: number) {
  return z
    .string()
    .regex(/^\d{1,4}$/, 'plain decimal digits')
    .optional()
    .transform((value) => (value === undefined ? fallback : Number(value)))
    .pipe(z.number().int().min(min).max(max))
    .openapi({ type: 'integer', minimum: min, maximum: max, default: fallback });
}

/** Answers every operation can give besides its own: a server error, documented once here. */
export const COMMON_RESPONSES = {
  500: jsonError('The request could not be completed'),
} as const;

/** The document's header: servers (the public origin), tags and the admin security scheme. */
export function describeApi(origin: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Silk Digest API',
      version: '1.0.0',
      description:
        'Read-only access to the Silk Digest articles, weekly summaries and search, in every edition; ' +
        'the editors change documents and sources under /api/v1/admin/ with a bearer token. ' +
        'Any other path under /api answers 404 with an Error body; a method other than GET, HEAD or ' +
        'OPTIONS on these paths answers 405 with Allow.',
      contact: { name: 'Silk Digest', url: `${origin}/en/about` },
      license: { name: 'Text © the cited sources; summaries © Silk Digest', url: `${origin}/en/about` },
    },
    servers: [{ url: origin, description: 'This site' }],
    tags: [
      { name: 'articles', description: 'The reports, in every edition' },
      { name: 'weeks', description: 'The weekly summaries' },
      { name: 'search', description: 'Full-text search over every language' },
      {
        name: 'Editorial (admin)',
        description: 'The editors’ API: submissions, corrections, translations (bearer token)',
      },
      { name: 'Admin: sources', description: 'The feeds ingestion polls (bearer token)' },
    ],
  };
}
