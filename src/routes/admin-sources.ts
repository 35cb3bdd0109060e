/**
 * The sources endpoints of the admin API, /api/v1/admin/sources…: HTTP only. Mounted inside the
 * editorial API (admin.ts), so they share its bearer token, body gates and the app's one error
 * handler; their contract is admin-sources-routes.ts. The registry lives in db/sources.ts, its
 * rules and the polling in workflows/ingestion/ (manage-sources.ts, shared with the desk).
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { getSource, listSources, SourceExistsError, type Source } from '../db/sources.ts';
import { DomainError } from '../services/domain-error.ts';
import { disableSource, editSource, registerSource } from '../workflows/ingestion/manage-sources.ts';
import { pollSourceNow } from '../workflows/ingestion/run-ingestion.ts';
import {
  disableSourceRoute,
  listSourcesRoute,
  pollSourceRoute,
  registerSourceRoute,
  updateSourceRoute,
} from './admin-sources-routes.ts';
import { parsePositiveInteger, refuseInvalidFields } from './json-body.ts';

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

const noSuchSource = () => new DomainError('not_found', 'No such source.');

function parseSourceId(c: Context<AppEnv>): number {
  const id = parsePositiveInteger(c.req.param('id'));
  if (id === null) throw noSuchSource();
  return id;
}

/** The registry's unique feed URL, as the API's 409. */
async function refuseTakenUrl<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof SourceExistsError)
      throw new DomainError('source_exists', 'This feed URL is registered already.');
    throw error;
  }
}

// A route keeps the hook of the app it was declared on: without this one, zod's own 400.
export const adminSources = new OpenAPIHono<AppEnv>({ defaultHook: refuseInvalidFields });

adminSources.openapi(listSourcesRoute, async (c) => {
  return c.json({ sources: (await listSources(c.get('db'))).map(sourceView) }, 200);
});

adminSources.openapi(registerSourceRoute, async (c) => {
  const value = c.req.valid('json');
  const source = await refuseTakenUrl(registerSource(c.get('db'), c.env, value));
  c.header('Location', `/api/v1/admin/sources/${source.id}`);
  return c.json(sourceView(source), 201);
});

adminSources.openapi(updateSourceRoute, async (c) => {
  const id = parseSourceId(c);
  const value = c.req.valid('json');
  const source = await refuseTakenUrl(editSource(c.get('db'), c.env, id, value));
  if (!source) throw noSuchSource();
  return c.json(sourceView(source), 200);
});

/** Deleting disables: the source's documents keep their provenance. */
adminSources.openapi(disableSourceRoute, async (c) => {
  const source = await disableSource(c.get('db'), parseSourceId(c));
  if (!source) throw noSuchSource();
  return c.json(sourceView(source), 200);
});

adminSources.openapi(pollSourceRoute, async (c) => {
  const id = parseSourceId(c);
  if (!(await getSource(c.get('db'), id))) throw noSuchSource();
  const report = await pollSourceNow(c.env, c.get('db'), id, (request) => fetch(request));
  if (!report) throw noSuchSource();
  return c.json(
    {
      status: report.status,
      httpStatus: report.httpStatus,
      itemsSeen: report.itemsSeen,
      accepted: report.accepted,
      skipped: report.skipped,
      ...(report.error !== undefined && { error: report.error }),
    },
    200,
  );
});
