/**
 * The contract of an editor's answer to a possible duplicate (workflows/editorial/
 * resolve-duplicate.ts), the twin of the desk's two buttons on a flagged document.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { DUPLICATE_DECISIONS } from '../workflows/editorial/resolve-duplicate.ts';
import { AdminErrorSchema, bodyFailures, failures, idParam, json, security, tags } from './admin-routes.ts';
import { checkDocumentId, JSON_LIMIT, limitBody, readJsonBody } from './json-body.ts';

const decisionShape = z
  .object({
    decision: z.enum(DUPLICATE_DECISIONS).openapi({
      description:
        "'separate': different reports, both stay; 'same': the flagged document becomes another source of the one it resembles and is deleted (restorable)",
    }),
  })
  .strict()
  .openapi('AdminDuplicateDecision');

export const resolveDuplicateRoute = createRoute({
  operationId: 'resolvePossibleDuplicate',
  method: 'post',
  path: '/api/v1/admin/documents/{id}/duplicate',
  tags,
  security,
  summary: 'Answer a possible-duplicate flag',
  description:
    'A document stored as new but flagged because it shares a good part of its text with another: keep both, or merge it into the other as another source.',
  middleware: [limitBody(JSON_LIMIT), checkDocumentId, readJsonBody] as const,
  request: {
    params: idParam,
    body: { content: { 'application/json': { schema: decisionShape } }, required: true },
  },
  responses: {
    200: json(
      z.object({
        id: z.number().int(),
        decision: z.enum(DUPLICATE_DECISIONS),
        mergedInto: z.number().int().nullable(),
      }),
      'The flag is answered',
    ),
    404: json(AdminErrorSchema, 'No such document, or it is not flagged'),
    409: json(AdminErrorSchema, 'The document it resembles is deleted'),
    ...failures,
    ...bodyFailures,
  },
});
