/**
 * The sources endpoints' contract, /api/v1/admin/sources…: the request shapes (the registry's
 * own zod shape, validated by @hono/zod-openapi, 422 per field) and the answers, in the one
 * OpenAPI document with the editorial API's bearer scheme. Handlers are in admin-sources.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { RIGHTS_POLICIES, SOURCE_LANGUAGES } from '../db/sources.ts';
import { sourceEntryShape } from '../workflows/ingestion/source-registry.ts';
import { AdminErrorSchema, bodyFailures, failures, json, security } from './admin-routes.ts';
import { JSON_LIMIT, limitBody, readJsonBody } from './json-body.ts';

const SourceSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    feedUrl: z.string(),
    homepage: z.string().nullable(),
    language: z.enum(SOURCE_LANGUAGES),
    rights: z.enum(RIGHTS_POLICIES).openapi({
      description: 'full: the article text; excerpt: headline, ~60-word lead and link; headline: headline and link',
    }),
    enabled: z.boolean(),
    alwaysRelevant: z.boolean(),
    note: z.string().nullable(),
    health: z.object({
      lastPolledAt: z.string().nullable(),
      lastStatus: z.number().int().nullable(),
      lastError: z.string().nullable(),
      consecutiveFailures: z.number().int(),
      nextPollAt: z.string().nullable(),
      itemsSeen: z.number().int(),
      itemsAccepted: z.number().int(),
      itemsSkipped: z.number().int(),
    }),
  })
  .openapi('Source');

const PollSchema = z
  .object({
    status: z.enum(['ok', 'not_modified', 'error']),
    httpStatus: z.number().int().nullable(),
    itemsSeen: z.number().int(),
    accepted: z.array(z.object({ documentId: z.number().int(), slug: z.string(), url: z.string() })),
    skipped: z.array(
      z.object({
        url: z.string(),
        reason: z.enum([
          'duplicate',
          'not_relevant',
          'robots',
          'too_large',
          'not_html',
          'fetch_failed',
          'no_text',
          'no_edition',
          'untranslatable',
          'translation_failed',
        ]),
      }),
    ),
    error: z.string().optional(),
  })
  .openapi('PollReport');

const sourceIdParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, description: 'Decimal digits only', example: '1' }),
});
const tags = ['Admin: sources'];
const taken = json(AdminErrorSchema, 'The feed URL is registered already');
const noSuchSource = json(AdminErrorSchema, 'No such source');

export const listSourcesRoute = createRoute({
  operationId: 'listSources',
  method: 'get',
  path: '/api/v1/admin/sources',
  summary: 'List sources',
  description: 'Every registered source with its polling health.',
  tags,
  security,
  responses: { 200: json(z.object({ sources: z.array(SourceSchema) }), 'Every source with its health'), ...failures },
});

export const registerSourceRoute = createRoute({
  operationId: 'registerSource',
  method: 'post',
  path: '/api/v1/admin/sources',
  summary: 'Register a source',
  description: 'Adds a feed to poll; a feed URL in a private network is refused.',
  tags,
  security,
  middleware: [limitBody(JSON_LIMIT), readJsonBody] as const,
  request: { body: { content: { 'application/json': { schema: sourceEntryShape } }, required: true } },
  responses: {
    201: json(SourceSchema, 'Registered'),
    409: taken,
    ...failures,
    ...bodyFailures,
    422: json(AdminErrorSchema, 'Invalid fields (a private feed URL included)'),
  },
});

export const updateSourceRoute = createRoute({
  operationId: 'updateSource',
  method: 'patch',
  path: '/api/v1/admin/sources/{id}',
  summary: 'Edit a source',
  description: 'Changes the fields sent; the others are kept.',
  tags,
  security,
  middleware: [limitBody(JSON_LIMIT), readJsonBody] as const,
  request: {
    params: sourceIdParam,
    body: { content: { 'application/json': { schema: sourceEntryShape.partial().strict() } }, required: true },
  },
  responses: { 200: json(SourceSchema, 'Updated'), 404: noSuchSource, 409: taken, ...failures, ...bodyFailures },
});

export const disableSourceRoute = createRoute({
  operationId: 'disableSource',
  method: 'delete',
  path: '/api/v1/admin/sources/{id}',
  summary: 'Disable a source',
  description: 'Stops polling a source; its documents keep their provenance.',
  tags,
  security,
  request: { params: sourceIdParam },
  responses: { 200: json(SourceSchema, 'Disabled (kept with its history)'), 404: noSuchSource, ...failures },
});

export const pollSourceRoute = createRoute({
  operationId: 'pollSource',
  method: 'post',
  path: '/api/v1/admin/sources/{id}/poll',
  summary: 'Poll a source now',
  description: 'Polls one source at once and reports what it accepted and skipped.',
  tags,
  security,
  request: { params: sourceIdParam },
  responses: { 200: json(PollSchema, 'Polled now'), 404: noSuchSource, ...failures },
});
