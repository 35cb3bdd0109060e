/**
 * The editorial API, /api/v1/admin/…: HTTP only, on OpenAPIHono (its contract, with the
 * request shapes, is admin-routes.ts). What a change does is decided in workflows/editorial/,
 * and the weeks it touched are rebuilt (workflows/summaries/) after the response. Every error
 * is a DomainError, answered by the app's one onError.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import { snapshotText, type DocumentState } from '../db/editorial.ts';
import { getRevision, listRevisions } from '../db/revisions.ts';
import { DomainError, invalidFields } from '../services/domain-error.ts';
import { isSecret } from '../services/hash.ts';
import { getWeekRange, isIsoWeek } from '../services/iso-week.ts';
import { correctDocument } from '../workflows/editorial/correct.ts';
import { setDocumentDeleted } from '../workflows/editorial/delete-restore.ts';
import { requireDocument } from '../workflows/editorial/documents.ts';
import { draftMissingLanguages } from '../workflows/editorial/machine-drafts.ts';
import { submitDocument } from '../workflows/editorial/submit.ts';
import { approveTranslation, restoreRevision } from '../workflows/editorial/review.ts';
import { saveTranslation } from '../workflows/editorial/translate.ts';
import { rebuildWeeksLater, rebuildWeeksNow } from '../workflows/summaries/rebuild-later.ts';
import { adminSources } from './admin-sources.ts';
import {
  approveRoute,
  BEARER,
  deleteRoute,
  getDocumentRoute,
  getRevisionRoute,
  listRevisionsRoute,
  patchDocumentRoute,
  putTranslationRoute,
  rebuildRoute,
  restoreRevisionRoute,
  restoreRoute,
  submitRoute,
} from './admin-routes.ts';
import { resolveDuplicateRoute } from './admin-duplicate-route.ts';
import { resolvePossibleDuplicate } from '../workflows/editorial/resolve-duplicate.ts';
import { parseDocumentId, parsePositiveInteger, refuseInvalidFields } from './json-body.ts';

/** Who made a change, and when: the editor's name from X-Editor (the shared token cannot tell). */
function changeOf(c: Context<AppEnv>) {
  const name = (c.req.header('X-Editor') ?? '').replace(/[\p{Cc}]/gu, '').trim();
  return { author: name.slice(0, 80) || 'editor', at: new Date().toISOString() };
}

/** The weeks a change touched are rebuilt after the response (workflows/summaries/rebuild-later.ts). */
function rebuildAfterResponse(c: Context<AppEnv>, weeks: readonly string[], before?: () => Promise<void>): void {
  rebuildWeeksLater(c.executionCtx, c.get('db'), c.env, weeks, before);
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

export const admin = new OpenAPIHono<AppEnv>({ defaultHook: refuseInvalidFields });

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
  // Compared before anything is answered, so the time taken is the same whatever was sent.
  const matches = await isSecret(presented ?? '', expected);
  if (presented === undefined) {
    c.header('WWW-Authenticate', 'Bearer realm="silk-digest-admin"');
    throw new DomainError('unauthorized', 'Send Authorization: Bearer <token>.');
  }
  if (!matches) throw new DomainError('forbidden', 'This token is not allowed.');
  c.header('Cache-Control', 'no-store');
  await next();
});

admin.use('/api/v1/admin/*', authenticate);

// The sources endpoints (admin-sources.ts), behind the same token, before the catch-all below.
admin.route('/', adminSources);

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
  const number = parsePositiveInteger(c.req.param('number'));
  const revision = number === null ? null : await getRevision(c.get('db'), id, c.req.param('lang'), number);
  if (!revision) throw new DomainError('not_found', 'No such revision.');
  return c.json(revision, 200);
});

// The desk's "approve" (src/desk/routes/document.tsx): a machine translation becomes reviewed.
admin.openapi(approveRoute, async (c) => {
  const id = parseDocumentId(c.req.param('id'));
  const { lang } = c.req.valid('param');
  const { revision: expected } = c.req.valid('json');
  const { revision, changed, rebuild } = await approveTranslation(c.get('db'), id, lang, expected, changeOf(c));
  rebuildAfterResponse(c, rebuild);
  return c.json({ id, lang, revision, changed }, 200);
});

// The desk's "restore this revision" (src/desk/routes/history.tsx): a new revision with that state.
admin.openapi(restoreRevisionRoute, async (c) => {
  const id = parseDocumentId(c.req.param('id'));
  const number = parsePositiveInteger(c.req.param('number'));
  if (number === null) throw new DomainError('not_found', 'No such revision.');
  const lang = c.req.param('lang');
  const { revision: expected } = c.req.valid('json');
  const { revision, rebuild } = await restoreRevision(c.get('db'), id, lang, number, expected, changeOf(c));
  rebuildAfterResponse(c, rebuild);
  return c.json({ id, lang, revision }, 200);
});

// The desk's "different reports" / "same report" buttons on a flagged document.
admin.openapi(resolveDuplicateRoute, async (c) => {
  const id = parseDocumentId(c.req.param('id'));
  const { decision } = c.req.valid('json');
  const { mergedInto, rebuild } = await resolvePossibleDuplicate(c.get('db'), id, decision, changeOf(c));
  rebuildAfterResponse(c, rebuild);
  return c.json({ id, decision, mergedInto }, 200);
});

admin.openapi(rebuildRoute, async (c) => {
  const week = c.req.query('week') ?? '';
  if (!isIsoWeek(week) || !getWeekRange(week)) throw invalidFields({ week: 'an ISO week such as 2025-W51' });
  const rowsChanged = await rebuildWeeksNow(c.get('db'), c.env, [week]);
  return c.json({ week, rowsChanged }, 200);
});

admin.all('/api/v1/admin/*', () => {
  throw new DomainError('not_found', 'No such editorial endpoint.');
});
