/**
 * The admin API's contract: request shapes (validated by @hono/zod-openapi, 422 per field) and
 * the routes as documented in /api/v1/openapi.json, with the bearer scheme and every error
 * answer. Handlers are in admin.ts; the gates that run before validation in json-body.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { CONTENT_LANGUAGES } from '../services/languages.ts';
import {
  checkContentLanguage,
  checkDocumentId,
  JSON_LIMIT,
  limitBody,
  RAW_IMPORT_LIMIT,
  readJsonBody,
} from './json-body.ts';

export const BEARER = 'adminBearer';

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const sourceUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const submissionShape = z
  .object({
    raw: z.string().min(1).max(RAW_IMPORT_LIMIT).optional().openapi({ description: 'A captured page, cleaned here' }),
    headline: text(300).optional(),
    headlineIsEditorial: z.boolean().optional(),
    paragraphs: z.array(text(20_000)).min(1).max(500).optional(),
    sourceName: text(200),
    sourceUrl,
    publishedOn: isoDate,
    publishedNote: z.string().trim().max(300).nullish(),
    language: z.enum(CONTENT_LANGUAGES),
    photoCredit: z.string().trim().max(300).nullish(),
    slug: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase ASCII words joined by hyphens')
      .max(120)
      .optional(),
    // Left out on a re-submission of a known URL, they keep what the desk has set.
    topics: z.array(z.string()).max(12).optional(),
    entities: z.array(z.string()).max(50).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.raw === undefined && value.paragraphs === undefined) {
      ctx.addIssue({ code: 'custom', path: ['raw'], message: 'send either raw or headline and paragraphs' });
    }
    if (value.raw !== undefined && value.paragraphs !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['paragraphs'], message: 'send raw or paragraphs, not both' });
    }
    if (value.paragraphs !== undefined && value.headline === undefined) {
      ctx.addIssue({ code: 'custom', path: ['headline'], message: 'required with paragraphs' });
    }
  })
  .openapi('AdminSubmission');

const patchShape = z
  .object({
    revision: z.number().int().min(1),
    headline: text(300).optional(),
    sourceName: text(200).optional(),
    sourceUrl: sourceUrl.optional(),
    publishedOn: isoDate.optional(),
    publishedNote: z.string().trim().max(300).nullish(),
    photoCredit: z.string().trim().max(300).nullish(),
    topics: z.array(z.string()).max(12).optional(),
    entities: z.array(z.string()).max(50).optional(),
  })
  .strict()
  .openapi('AdminDocumentPatch');

const translationShape = z
  .object({
    revision: z.number().int().min(0).optional(),
    headline: text(300),
    paragraphs: z.array(z.string().trim().max(20_000)).min(1).max(500),
  })
  .strict()
  .openapi('AdminTranslation');

const AdminErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional().openapi({ description: 'One message per invalid field' }),
      current: z.number().int().optional().openapi({ description: 'The stored revision (revision_conflict)' }),
    }),
  })
  .openapi('AdminError');

const TextSchema = z.object({
  revision: z.number().int(),
  headline: z.string(),
  paragraphs: z.array(z.string()),
  origin: z.string(),
});

const DocumentSchema = z
  .object({
    id: z.number().int(),
    revision: z.number().int(),
    deletedAt: z.string().nullable(),
    isoWeek: z.string(),
    slug: z.string(),
    sourceName: z.string(),
    sourceUrl: z.string(),
    publishedOn: z.string(),
    publishedNote: z.string().nullable(),
    originalLanguage: z.string(),
    headlineIsEditorial: z.boolean(),
    photoCredit: z.string().nullable(),
    topics: z.array(z.string()),
    entities: z.array(z.string()),
    deleted: z.boolean(),
    texts: z.record(z.string(), TextSchema),
  })
  .openapi('AdminDocument');

const RevisionSchema = z.object({
  lang: z.string(),
  number: z.number().int(),
  action: z.string(),
  author: z.string(),
  createdAt: z.string(),
});

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

const failures = {
  401: json(AdminErrorSchema, 'No bearer token'),
  403: json(AdminErrorSchema, 'A token that is not allowed'),
  503: json(AdminErrorSchema, 'ADMIN_TOKEN is not set: the editorial API is off'),
};
const bodyFailures = {
  400: json(AdminErrorSchema, 'The body is not UTF-8 JSON'),
  413: json(AdminErrorSchema, `Over ${JSON_LIMIT} bytes (${RAW_IMPORT_LIMIT} with a raw capture)`),
  415: json(AdminErrorSchema, 'Not application/json'),
  422: json(AdminErrorSchema, 'Invalid fields, one message each'),
};

const idParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, description: 'Decimal digits only', example: '1' }),
});
const security = [{ [BEARER]: [] }];
const tags = ['Editorial (admin)'];

export const submitRoute = createRoute({
  method: 'post',
  path: '/api/v1/admin/documents',
  tags,
  security,
  summary: 'Submit a report: created, a correction of a known URL, merged as another source, or unchanged',
  middleware: [limitBody(RAW_IMPORT_LIMIT), readJsonBody] as const,
  request: { body: { content: { 'application/json': { schema: submissionShape } }, required: true } },
  responses: {
    200: json(
      z.object({ status: z.enum(['updated', 'unchanged', 'merged']), id: z.number().int() }),
      'A known report: updated, unchanged, or merged into a document as another source',
    ),
    201: json(
      z.object({ status: z.literal('created'), id: z.number().int(), slug: z.string(), revision: z.literal(1) }),
      'A new document',
    ),
    409: json(AdminErrorSchema, 'The chosen slug is taken'),
    ...failures,
    ...bodyFailures,
  },
});

export const patchDocumentRoute = createRoute({
  method: 'patch',
  path: '/api/v1/admin/documents/{id}',
  tags,
  security,
  summary: 'Correct the metadata (and the original headline) of the revision the editor edited',
  middleware: [limitBody(JSON_LIMIT), checkDocumentId, readJsonBody] as const,
  request: { params: idParam, body: { content: { 'application/json': { schema: patchShape } }, required: true } },
  responses: {
    200: json(DocumentSchema, 'The document as saved'),
    404: json(AdminErrorSchema, 'No such document'),
    409: json(AdminErrorSchema, 'A newer revision (revision_conflict), deleted, or the URL is taken'),
    ...failures,
    ...bodyFailures,
  },
});

export const putTranslationRoute = createRoute({
  method: 'put',
  path: '/api/v1/admin/documents/{id}/translations/{lang}',
  tags,
  security,
  summary: "Save one language's text, paragraph for paragraph with the original",
  middleware: [limitBody(JSON_LIMIT), checkDocumentId, checkContentLanguage, readJsonBody] as const,
  request: {
    params: idParam.extend({ lang: z.enum(CONTENT_LANGUAGES).openapi({ param: { name: 'lang', in: 'path' } }) }),
    body: { content: { 'application/json': { schema: translationShape } }, required: true },
  },
  responses: {
    200: json(z.object({ id: z.number().int(), lang: z.string(), revision: z.number().int() }), 'A new revision'),
    201: json(z.object({ id: z.number().int(), lang: z.string(), revision: z.literal(1) }), 'A new text'),
    404: json(AdminErrorSchema, 'No such document or language'),
    409: json(AdminErrorSchema, 'A newer revision (revision_conflict), or deleted'),
    ...failures,
    ...bodyFailures,
  },
});

/** A route on one document with no body: 404 for an unknown one, 409 if `conflicts`. */
function documentRoute<Ok extends z.ZodType>(
  method: 'get' | 'delete' | 'post',
  path: string,
  summary: string,
  ok: { schema: Ok; description: string },
  conflicts = false,
) {
  return createRoute({
    method,
    path,
    tags,
    security,
    summary,
    middleware: [checkDocumentId] as const,
    request: { params: idParam },
    responses: {
      200: json(ok.schema, ok.description),
      404: json(AdminErrorSchema, 'No such document'),
      ...(conflicts ? { 409: json(AdminErrorSchema, 'A concurrent save came first') } : {}),
      ...failures,
    },
  });
}

const DOCUMENT_PATH = '/api/v1/admin/documents/{id}';
const saved = { schema: DocumentSchema, description: 'The document as saved (unchanged if it already was)' };

export const getDocumentRoute = documentRoute('get', DOCUMENT_PATH, 'A document as an editor sees it, deleted or not', {
  schema: DocumentSchema,
  description: 'The document',
});
export const deleteRoute = documentRoute('delete', DOCUMENT_PATH, 'Delete a document', saved, true);
export const restoreRoute = documentRoute('post', `${DOCUMENT_PATH}/restore`, 'Restore a document', saved, true);
export const listRevisionsRoute = documentRoute(
  'get',
  `${DOCUMENT_PATH}/revisions`,
  "A document's revisions, per language ('meta' for the metadata)",
  { schema: z.object({ id: z.number().int(), revisions: z.array(RevisionSchema) }), description: 'The revisions' },
);

export const getRevisionRoute = createRoute({
  method: 'get',
  path: '/api/v1/admin/documents/{id}/revisions/{lang}/{number}',
  tags,
  security,
  summary: 'One revision with its data',
  middleware: [checkDocumentId] as const,
  request: {
    params: idParam.extend({
      lang: z.string().openapi({ param: { name: 'lang', in: 'path' }, example: 'meta' }),
      number: z.string().openapi({ param: { name: 'number', in: 'path' }, example: '1' }),
    }),
  },
  responses: {
    200: json(RevisionSchema.extend({ data: z.unknown() }), 'The revision'),
    404: json(AdminErrorSchema, 'No such revision'),
    ...failures,
  },
});

export const rebuildRoute = createRoute({
  method: 'post',
  path: '/api/v1/admin/rebuild',
  tags,
  security,
  summary: "Rebuild one week's summaries now, in every edition",
  request: {
    query: z.object({
      week: z
        .string()
        .optional()
        .openapi({ param: { name: 'week', in: 'query' }, example: '2025-W51' }),
    }),
  },
  responses: {
    200: json(z.object({ week: z.string(), rowsChanged: z.number().int() }), 'Rows changed (0: already current)'),
    422: json(AdminErrorSchema, 'Not an ISO week'),
    ...failures,
  },
});
