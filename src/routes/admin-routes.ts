/**
 * The admin API's contract: request shapes (validated by @hono/zod-openapi, 422 per field) and
 * the routes as documented in /api/v1/openapi.json, with the bearer scheme and every error
 * answer. Handlers are in admin.ts; the gates that run before validation in json-body.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { CONTENT_LANGUAGES } from '../services/languages.ts';
import { SLUG_PATTERN } from '../services/ingest.ts';
import {
  checkContentLanguage,
  checkDocumentId,
  JSON_LIMIT,
  limitBody,
  RAW_IMPORT_LIMIT,
  readJsonBody,
} from './json-body.ts';

export const BEARER = 'adminToken';

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const sourceUrl = z.url({ protocol: /^https?$/ }).max(2000);

const submissionShape = z
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
    slug: z.string().regex(SLUG_PATTERN, 'lowercase ASCII words joined by hyphens').max(120).optional(),
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

export const AdminErrorSchema = z
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

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const failures = {
  401: json(AdminErrorSchema, 'No bearer token'),
  403: json(AdminErrorSchema, 'A token that is not allowed'),
  500: json(AdminErrorSchema, 'The request could not be completed; nothing was changed'),
  503: json(AdminErrorSchema, 'ADMIN_TOKEN is not set: the editorial API is off'),
};
export const bodyFailures = {
  400: json(AdminErrorSchema, 'The body is not UTF-8 JSON'),
  413: json(AdminErrorSchema, `Over ${JSON_LIMIT} bytes (${RAW_IMPORT_LIMIT} with a raw capture)`),
  415: json(AdminErrorSchema, 'Not application/json'),
  422: json(AdminErrorSchema, 'Invalid fields, one message each'),
};

export const idParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, description: 'Decimal digits only', example: '1' }),
});
export const security = [{ [BEARER]: [] }];
export const tags = ['Editorial (admin)'];

export const submitRoute = createRoute({
  operationId: 'submitDocument',
  method: 'post',
  path: '/api/v1/admin/documents',
  tags,
  security,
  summary: 'Submit a report',
  description:
    'A new report is created (machine drafts of the missing languages follow); a known URL is corrected, a near-duplicate merged as another source, an identical one left unchanged. Its week is rebuilt after the response.',
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
  operationId: 'correctDocument',
  method: 'patch',
  path: '/api/v1/admin/documents/{id}',
  tags,
  security,
  summary: 'Correct a document',
  description:
    'Corrects the metadata (and the original headline) of the revision the editor read: a newer one is a 409 revision_conflict with the current revision.',
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
  operationId: 'saveTranslation',
  method: 'put',
  path: '/api/v1/admin/documents/{id}/translations/{lang}',
  tags,
  security,
  summary: 'Save a translation',
  description: "Saves one language's text, paragraph for paragraph with the original, as its next revision.",
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
function documentRoute<Ok extends z.ZodType>(route: {
  operationId: string;
  method: 'get' | 'delete' | 'post';
  path: string;
  summary: string;
  description: string;
  ok: { schema: Ok; description: string };
  conflicts?: boolean;
}) {
  const { ok, conflicts = false, ...operation } = route;
  return createRoute({
    ...operation,
    tags,
    security,
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

export const getDocumentRoute = documentRoute({
  operationId: 'getDocument',
  method: 'get',
  path: DOCUMENT_PATH,
  summary: 'Read a document',
  description: 'A document as an editor sees it, deleted or not, with every text and its revision.',
  ok: { schema: DocumentSchema, description: 'The document' },
});
export const deleteRoute = documentRoute({
  operationId: 'deleteDocument',
  method: 'delete',
  path: DOCUMENT_PATH,
  summary: 'Delete a document',
  description: 'Hides a document from readers; it is kept, with its history, and can be restored.',
  ok: saved,
  conflicts: true,
});
export const restoreRoute = documentRoute({
  operationId: 'restoreDocument',
  method: 'post',
  path: `${DOCUMENT_PATH}/restore`,
  summary: 'Restore a document',
  description: 'Shows a deleted document to readers again.',
  ok: saved,
  conflicts: true,
});
export const listRevisionsRoute = documentRoute({
  operationId: 'listRevisions',
  method: 'get',
  path: `${DOCUMENT_PATH}/revisions`,
  summary: "List a document's revisions",
  description: "Every revision of every text, and of the metadata ('meta'): who, when, what.",
  ok: { schema: z.object({ id: z.number().int(), revisions: z.array(RevisionSchema) }), description: 'The revisions' },
});

export const getRevisionRoute = createRoute({
  operationId: 'getRevision',
  method: 'get',
  path: '/api/v1/admin/documents/{id}/revisions/{lang}/{number}',
  tags,
  security,
  summary: 'One revision',
  description: "One revision of a text (en, uz, ja) or of the metadata ('meta'), with the state it saved.",
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

const expectedRevision = z
  .object({ revision: z.number().int().min(0).openapi({ description: 'The revision the editor read' }) })
  .strict()
  .openapi('AdminExpectedRevision');

export const approveRoute = createRoute({
  operationId: 'approveTranslation',
  method: 'post',
  path: '/api/v1/admin/documents/{id}/translations/{lang}/approve',
  tags,
  security,
  summary: 'Approve a machine translation',
  description: 'Marks a machine translation reviewed: its text, unchanged, becomes a new revision by the editor.',
  middleware: [limitBody(JSON_LIMIT), checkDocumentId, checkContentLanguage, readJsonBody] as const,
  request: {
    params: idParam.extend({ lang: z.enum(CONTENT_LANGUAGES).openapi({ param: { name: 'lang', in: 'path' } }) }),
    body: { content: { 'application/json': { schema: expectedRevision } }, required: true },
  },
  responses: {
    200: json(
      z.object({ id: z.number().int(), lang: z.string(), revision: z.number().int(), changed: z.boolean() }),
      'Reviewed (changed: false when it already was)',
    ),
    404: json(AdminErrorSchema, 'No such document, language or text'),
    409: json(AdminErrorSchema, 'A newer revision (revision_conflict), or deleted'),
    ...failures,
    ...bodyFailures,
  },
});

export const restoreRevisionRoute = createRoute({
  operationId: 'restoreRevision',
  method: 'post',
  path: '/api/v1/admin/documents/{id}/revisions/{lang}/{number}/restore',
  tags,
  security,
  summary: 'Restore a revision',
  description: "Brings back an old revision of a text or of the metadata ('meta') as the next revision.",
  middleware: [limitBody(JSON_LIMIT), checkDocumentId, readJsonBody] as const,
  request: {
    params: idParam.extend({
      lang: z.string().openapi({ param: { name: 'lang', in: 'path' }, example: 'meta' }),
      number: z.string().openapi({ param: { name: 'number', in: 'path' }, example: '1' }),
    }),
    body: { content: { 'application/json': { schema: expectedRevision } }, required: true },
  },
  responses: {
    200: json(z.object({ id: z.number().int(), lang: z.string(), revision: z.number().int() }), 'The new revision'),
    404: json(AdminErrorSchema, 'No such document or revision'),
    409: json(AdminErrorSchema, 'A newer revision (revision_conflict), or deleted'),
    ...failures,
    ...bodyFailures,
  },
});

export const rebuildRoute = createRoute({
  operationId: 'rebuildWeek',
  method: 'post',
  path: '/api/v1/admin/rebuild',
  tags,
  security,
  summary: 'Rebuild a week',
  description: "Rebuilds one week's summaries now, in every edition; rowsChanged is 0 when they were current.",
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
