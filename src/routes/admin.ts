/**
 * The editorial API, /api/v1/admin/…: HTTP only, on OpenAPIHono (its contract, with the
 * request shapes, is admin-routes.ts). What a change does is decided in workflows/editorial/,
 * and the weeks it touched are rebuilt (workflows/summaries/) after the response. Every error
 * is a DomainError, answered by the app's one onError.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { z } from 'zod';
import type { AppEnv } from '../app-env.ts';
import { getRevision, listRevisions, snapshotText, type DocumentState } from '../db/editorial.ts';
import { DomainError, invalidFields } from '../services/domain-error.ts';
import { getWeekRange, isIsoWeek } from '../services/iso-week.ts';
import { correctDocument } from '../workflows/editorial/correct.ts';
import { setDocumentDeleted } from '../workflows/editorial/delete-restore.ts';
import { requireDocument } from '../workflows/editorial/documents.ts';
import { draftMissingLanguages } from '../workflows/editorial/machine-drafts.ts';
import { submitDocument } from '../workflows/editorial/submit.ts';
import { saveTranslation } from '../workflows/editorial/translate.ts';
import { rebuildChangedWeeks } from '../workflows/summaries/build-week.ts';
import {
  BEARER,
  deleteRoute,
  getDocumentRoute,
  getRevisionRoute,
  listRevisionsRoute,
  patchDocumentRoute,
  putTranslationRoute,
  rebuildRoute,
  restoreRoute,
  submitRoute,
} from './admin-routes.ts';
import { parseDocumentId } from './json-body.ts';

function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'body';
    fields[key] ??= issue.message;
  }
  return fields;
}

async function sha256(value: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
}

/** Who made a change, and when: the editor's name from X-Editor (the shared token cannot tell). */
function changeOf(c: Context<AppEnv>) {
  const name = (c.req.header('X-Editor') ?? '').replace(/[\p{Cc}]/gu, '').trim();
  return { author: name.slice(0, 80) || 'editor', at: new Date().toISOString() };
}

/**
 * Rebuilds the summaries of the weeks a change touched, after the response (waitUntil); the
 * next cron run would catch them anyway, since their fingerprint changed. `before` runs first
 * (a new document's machine drafts, so the rebuild includes them).
 */
function rebuildAfterResponse(c: Context<AppEnv>, weeks: readonly string[], before?: () => Promise<void>): void {
  if (weeks.length === 0) return;
  const db = c.get('db');
  const at = new Date().toISOString();
  const work = (async () => {
    await before?.();
    await rebuildChangedWeeks(db, weeks, at);
  })().catch((error: unknown) => {
    console.error(JSON.stringify({ message: 'background rebuild failed', weeks, error: String(error) }));
  });
  c.executionCtx.waitUntil(work);
}

function documentView(state: DocumentState) {
  return {
    id: state.id,
    revision: state.revision,
    deletedAt: state.deletedAt,
    isoWeek: state.isoWeek,
    ...state.meta,
    texts: Object.fromEntries(
      Object.entries(state.texts).map(([lang, stored]) => [
        lang,
        { revision: stored.revision, ...snapshotText(stored) },
      ]),
    ),
  };
}

export const admin = new OpenAPIHono<AppEnv>({
  // A body that fails its shape: 422, one message per field.
  defaultHook: (result) => {
    if (!result.success) throw invalidFields(fieldsOf(result.error));
  },
});

admin.openAPIRegistry.registerComponent('securitySchemes', BEARER, {
  type: 'http',
  scheme: 'bearer',
  description: 'The ADMIN_TOKEN secret; X-Editor names the editor in the revisions',
});

/** Bearer token, compared as SHA-256 digests in constant time. */
const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.env.ADMIN_TOKEN;
  // No secret, no API: never fall open.
  if (!expected) throw new DomainError('admin_disabled', 'The editorial API is disabled: ADMIN_TOKEN is not set.');
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '')?.[1];
  // Digests first, so the comparison takes the same time whatever was sent.
  const [given, wanted] = await Promise.all([sha256(presented ?? ''), sha256(expected)]);
  const matches = crypto.subtle.timingSafeEqual(given, wanted);
  if (presented === undefined) {
    c.header('WWW-Authenticate', 'Bearer realm="silk-digest-admin"');
    throw new DomainError('unauthorized', 'Send Authorization: Bearer <token>.');
  }
  if (!matches) throw new DomainError('forbidden', 'This token is not allowed.');
  c.header('Cache-Control', 'no-store');
  await next();
});

admin.use('/api/v1/admin/*', authenticate);

admin.openapi(submitRoute, async (c) => {
  const outcome = await submitDocument(c.get('db'), c.req.valid('json'), changeOf(c));
  if (outcome.status !== 'created') {
    rebuildAfterResponse(c, outcome.rebuild);
    return c.json({ status: outcome.status, id: outcome.id }, 200);
  }
  const { id, slug, revision } = outcome;
  const ai = c.env.AI;
  const db = c.get('db');
  rebuildAfterResponse(c, outcome.rebuild, ai ? () => draftMissingLanguages(db, ai, id) : undefined);
  c.header('Location', `/api/v1/admin/documents/${id}`);
  return c.json({ status: 'created' as const, id, slug, revision }, 201);
});

admin.openapi(getDocumentRoute, async (c) => {
  return c.json(documentView(await requireDocument(c.get('db'), parseDocumentId(c.req.param('id')))), 200);
});

admin.openapi(patchDocumentRoute, async (c) => {
  const id = parseDocumentId(c.req.param('id'));
  const { state, rebuild } = await correctDocument(c.get('db'), id, c.req.valid('json'), changeOf(c));
  rebuildAfterResponse(c, rebuild);
  return c.json(documentView(state), 200);
});

admin.openapi(putTranslationRoute, async (c) => {
  const id = parseDocumentId(c.req.param('id'));
  const { lang } = c.req.valid('param');
  const { revision, rebuild } = await saveTranslation(c.get('db'), id, lang, c.req.valid('json'), changeOf(c));
  rebuildAfterResponse(c, rebuild);
  return revision === 1 ? c.json({ id, lang, revision: 1 as const }, 201) : c.json({ id, lang, revision }, 200);
});

async function setDeleted(c: Context<AppEnv>, deleted: boolean) {
  const id = parseDocumentId(c.req.param('id'));
  const { state, rebuild } = await setDocumentDeleted(c.get('db'), id, deleted, changeOf(c));
  rebuildAfterResponse(c, rebuild);
  return documentView(state);
}

admin.openapi(deleteRoute, async (c) => c.json(await setDeleted(c, true), 200));
admin.openapi(restoreRoute, async (c) => c.json(await setDeleted(c, false), 200));

admin.openapi(listRevisionsRoute, async (c) => {
  const id = parseDocumentId(c.req.param('id'));
  await requireDocument(c.get('db'), id);
  return c.json({ id, revisions: await listRevisions(c.get('db'), id) }, 200);
});

admin.openapi(getRevisionRoute, async (c) => {
  const id = parseDocumentId(c.req.param('id'));
  const number = Number(c.req.param('number'));
  const revision = Number.isSafeInteger(number)
    ? await getRevision(c.get('db'), id, c.req.param('lang'), number)
    : null;
  if (!revision) throw new DomainError('not_found', 'No such revision.');
  return c.json(revision, 200);
});

admin.openapi(rebuildRoute, async (c) => {
  const week = c.req.query('week') ?? '';
  if (!isIsoWeek(week) || !getWeekRange(week)) throw invalidFields({ week: 'an ISO week such as 2025-W51' });
  const rowsChanged = await rebuildChangedWeeks(c.get('db'), [week], new Date().toISOString());
  return c.json({ week, rowsChanged }, 200);
});

admin.all('/api/v1/admin/*', () => {
  throw new DomainError('not_found', 'No such editorial endpoint.');
});
