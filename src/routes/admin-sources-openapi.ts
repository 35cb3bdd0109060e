/**
 * The sources endpoints in the OpenAPI document (/api/v1/openapi.json), registered on the
 * public API's registry so there is one document. The handlers live in admin-sources.ts; these
 * shapes describe what they answer (the request body is the same zod shape they validate with).
 */
import { z } from '@hono/zod-openapi';
import { RIGHTS_POLICIES, SOURCE_LANGUAGES } from '../db/sources.ts';
import { sourceEntryShape } from '../workflows/ingestion/source-registry.ts';
import { api } from './api.ts';

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

const AdminError = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }),
  })
  .openapi('AdminError');

const json = (schema: z.ZodType, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
const errors = {
  401: json(AdminError, 'No bearer token'),
  403: json(AdminError, 'Wrong token'),
  500: json(AdminError, 'The request could not be completed'),
  503: json(AdminError, 'ADMIN_TOKEN is not set'),
};
const idParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: '1' }) });
const security = [{ adminToken: [] }];
const tags = ['Admin: sources'];

const registry = api.openAPIRegistry;
registry.registerComponent('securitySchemes', 'adminToken', {
  type: 'http',
  scheme: 'bearer',
  description: 'The ADMIN_TOKEN secret, as for the editorial API',
});
registry.registerPath({
  method: 'get',
  path: '/api/v1/admin/sources',
  operationId: 'listSources',
  summary: 'Sources with their health',
  tags,
  security,
  responses: { 200: json(z.object({ sources: z.array(SourceSchema) }), 'Every source with its health'), ...errors },
});
registry.registerPath({
  method: 'post',
  path: '/api/v1/admin/sources',
  operationId: 'registerSource',
  summary: 'Register a source',
  tags,
  security,
  request: { body: { content: { 'application/json': { schema: sourceEntryShape } } } },
  responses: {
    201: json(SourceSchema, 'Registered'),
    409: json(AdminError, 'The feed URL is registered already'),
    422: json(AdminError, 'Invalid fields (a private feed URL included)'),
    ...errors,
  },
});
registry.registerPath({
  method: 'patch',
  path: '/api/v1/admin/sources/{id}',
  operationId: 'updateSource',
  summary: 'Edit a source',
  tags,
  security,
  request: { params: idParam, body: { content: { 'application/json': { schema: sourceEntryShape.partial() } } } },
  responses: {
    200: json(SourceSchema, 'Updated'),
    404: json(AdminError, 'No such source'),
    409: json(AdminError, 'The feed URL is registered already'),
    422: json(AdminError, 'Invalid fields'),
    ...errors,
  },
});
registry.registerPath({
  method: 'delete',
  path: '/api/v1/admin/sources/{id}',
  operationId: 'disableSource',
  summary: 'Disable a source (its history is kept)',
  tags,
  security,
  request: { params: idParam },
  responses: {
    200: json(SourceSchema, 'Disabled (kept with its history)'),
    404: json(AdminError, 'No such source'),
    ...errors,
  },
});
registry.registerPath({
  method: 'post',
  path: '/api/v1/admin/sources/{id}/poll',
  operationId: 'pollSource',
  summary: 'Poll a source now',
  tags,
  security,
  request: { params: idParam },
  responses: { 200: json(PollSchema, 'Polled now'), 404: json(AdminError, 'No such source'), ...errors },
});
