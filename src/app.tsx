import { Hono } from 'hono';
import type { AppEnv } from './app-env.ts';
import { createDb } from './db/client.ts';
import {
  BOOKMARK_HEADER,
  createD1Stats,
  createVersionTap,
  formatServerTiming,
  instrumentSession,
  openSession,
  readBookmark,
} from './db/session.ts';
import { DomainError } from './services/domain-error.ts';
import { pages } from './routes/pages.tsx';
import { api } from './routes/api.ts';
import { pageNotFound, respondWithError, respondWithUnexpected } from './routes/error-response.tsx';
import { identity } from './routes/identity.ts';
import { root } from './routes/root.ts';
import { guardReadRoutes } from './routes/read-route-guard.tsx';
import { securityHeaders } from './routes/security-headers.ts';

function createApp() {
  const app = new Hono<AppEnv>();

  // First, so that every response gets the headers, whatever produced it.
  app.use('*', securityHeaders);
  // 405 and 400 for the read routes, before a D1 session is opened for them.
  app.use('*', guardReadRoutes);

  // Per-request objects are made here, never at module scope: one D1 session per request
  // (replica reads, primary writes, read-your-writes through the bookmark), counted.
  app.use('*', async (c, next) => {
    const stats = createD1Stats();
    const writes = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    const session = openSession(c.env.DB, readBookmark(c.req.header(BOOKMARK_HEADER)), writes);
    const tap = createVersionTap();
    c.set('db', createDb(instrumentSession(session, stats, tap)));
    c.set('d1Stats', stats);
    c.set('versionTap', tap);
    await next();
    const bookmark = session.getBookmark();
    if (bookmark) c.res.headers.set(BOOKMARK_HEADER, bookmark);
    c.res.headers.append('Server-Timing', formatServerTiming(stats));
  });

  // Innermost of the app's middleware, so its step after the route runs first: responses from
  // the cache, a fetch or the desk have immutable headers, and the one copy made here lets the
  // middleware above (the session's, the security headers) set theirs. An error's response,
  // made by onError, is a new one already.
  app.use('*', async (c, next) => {
    await next();
    c.res = new Response(c.res.body, c.res);
  });

  // The editors' desk is a sub-app loaded on its first request: reader pages never evaluate
  // its modules (esbuild keeps a dynamic import lazy inside the one bundle).
  app.all('/desk/*', async (c) => {
    const { desk } = await import('./desk/app.tsx');
    return desk.fetch(c.req.raw, c.env, c.executionCtx);
  });
  app.all('/desk', (c) => c.redirect('/desk/', 301));

  // The public API with the admin API (documents and sources) mounted first inside it: one
  // OpenAPI document for all of them.
  app.route('/', api);
  app.route('/', root);
  app.route('/', identity);
  app.route('/', pages);

  // Unknown edition or path outside any edition: English, linking every edition.
  app.notFound((c) => respondWithError(c, pageNotFound()));

  // The one error handler of pages, the public API and the admin API.
  app.onError((error, c) =>
    error instanceof DomainError ? respondWithError(c, error) : respondWithUnexpected(c, error),
  );

  return app;
}

export const app = createApp();
