/**
 * The sources endpoints of the admin API, /api/v1/admin/sources…: HTTP only, on the editorial
 * API's bearer token, body rules and error shape. The registry lives in db/sources.ts and the
 * polling in workflows/ingestion/.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { getSource, listSources, SourceExistsError, type Source } from '../db/sources.ts';
import { disableSource, editSource, registerSource } from '../workflows/ingestion/manage-sources.ts';
import { pollSourceNow } from '../workflows/ingestion/run-ingestion.ts';
import { sourceEntryShape } from '../workflows/ingestion/source-registry.ts';
import { DomainError } from '../services/domain-error.ts';
import { authenticate, fail, handleAdminError, JSON_LIMIT, limit, readJson } from './admin.ts';
// Documents these endpoints in /api/v1/openapi.json.
import './admin-sources-openapi.ts';

const sourceShape = sourceEntryShape;

const patchShape = sourceShape.partial().strict();

function sourceView(source: Source) {
  return {
    id: source.id,
    name: source.name,
    feedUrl: source.feedUrl,
    homepage: source.homepage,
    language: source.language,
    rights: source.rights,
    enabled: source.enabled,
    alwaysRelevant: source.alwaysRelevant,
    note: source.note,
    health: {
      lastPolledAt: source.lastPolledAt,
      lastStatus: source.lastStatus,
      lastError: source.lastError,
      consecutiveFailures: source.consecutiveFailures,
      nextPollAt: source.nextPollAt,
      itemsSeen: source.itemsSeen,
      itemsAccepted: source.itemsAccepted,
      itemsSkipped: source.itemsSkipped,
    },
  };
}

function parseSourceId(c: Context<AppEnv>): number {
  const id = Number(c.req.param('id'));
  if (!Number.isSafeInteger(id) || id < 1) throw new DomainError('not_found', 'No such source.');
  return id;
}

export const adminSources = new Hono<AppEnv>();
adminSources.use('/api/v1/admin/sources', authenticate);
adminSources.use('/api/v1/admin/sources/*', authenticate);
adminSources.onError(handleAdminError);

adminSources.get('/api/v1/admin/sources', async (c) => {
  return c.json({ sources: (await listSources(c.get('db'))).map(sourceView) });
});

adminSources.post('/api/v1/admin/sources', limit(JSON_LIMIT), async (c) => {
  const { value } = await readJson(c, sourceShape);
  try {
    const source = await registerSource(c.get('db'), c.env, value);
    c.header('Location', `/api/v1/admin/sources/${source.id}`);
    return c.json(sourceView(source), 201);
  } catch (error) {
    if (error instanceof SourceExistsError)
      return fail(c, 409, 'source_exists', 'This feed URL is registered already.');
    throw error;
  }
});

adminSources.patch('/api/v1/admin/sources/:id', limit(JSON_LIMIT), async (c) => {
  const id = parseSourceId(c);
  const { value } = await readJson(c, patchShape);
  try {
    const source = await editSource(c.get('db'), c.env, id, value);
    if (!source) return fail(c, 404, 'not_found', 'No such source.');
    return c.json(sourceView(source));
  } catch (error) {
    if (error instanceof SourceExistsError)
      return fail(c, 409, 'source_exists', 'This feed URL is registered already.');
    throw error;
  }
});

/** Deleting disables: the source's documents keep their provenance. */
adminSources.delete('/api/v1/admin/sources/:id', async (c) => {
  const source = await disableSource(c.get('db'), parseSourceId(c));
  if (!source) return fail(c, 404, 'not_found', 'No such source.');
  return c.json(sourceView(source));
});

adminSources.post('/api/v1/admin/sources/:id/poll', async (c) => {
  const id = parseSourceId(c);
  if (!(await getSource(c.get('db'), id))) return fail(c, 404, 'not_found', 'No such source.');
  const report = await pollSourceNow(c.env, c.get('db'), id, (request) => fetch(request));
  if (!report) return fail(c, 404, 'not_found', 'No such source.');
  return c.json({
    status: report.status,
    httpStatus: report.httpStatus,
    itemsSeen: report.itemsSeen,
    accepted: report.accepted,
    skipped: report.skipped,
    ...(report.error !== undefined && { error: report.error }),
  });
});
