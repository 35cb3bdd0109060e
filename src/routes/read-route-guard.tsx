/**
 * Before any read route (src/routes/read-routes.ts) runs: a method it does not take gets 405
 * with `Allow` (not the 404 of an unknown path), and a query parameter it reads that is not
 * valid UTF-8 gets 400 (not a search for the literal text "%FF%FE"). Pages answer in the
 * reader's language; the API answers with its JSON error body.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import { isEdition } from '../services/languages.ts';
import { ErrorPage } from '../views/error-page.tsx';
import { buildPageContext } from './page-helpers.tsx';
import { findReadRoute, readQuery } from './read-routes.ts';

export const guardReadRoutes = createMiddleware<AppEnv>(async (c, next) => {
  const url = new URL(c.req.url);
  const route = findReadRoute(url.pathname);
  if (!route) {
    await next();
    return;
  }
  const api = url.pathname.startsWith('/api/');
  const method = c.req.method;
  // OPTIONS on the API is the CORS preflight, answered by the API's CORS middleware.
  const allowed = method === 'GET' || method === 'HEAD' || (api && method === 'OPTIONS');
  const { invalid } = allowed ? readQuery(url.search, route.params) : { invalid: undefined };
  if (allowed && invalid === undefined) {
    await next();
    return;
  }
  const status = allowed ? 400 : 405;
  if (!allowed) c.header('Allow', api ? 'GET, HEAD, OPTIONS' : 'GET, HEAD');
  c.header('Cache-Control', 'no-store');
  if (api) {
    const error = allowed
      ? { code: 'invalid_request', message: `${invalid}: not valid percent-encoded UTF-8` }
      : { code: 'method_not_allowed', message: `${method} is not allowed here; use GET.` };
    // The API's CORS headers, so a browser client can read the error.
    c.header('Access-Control-Allow-Origin', '*');
    return c.json({ error }, status);
  }
  const first = url.pathname.split('/')[1] ?? '';
  const page = buildPageContext(c.req.url, isEdition(first) ? first : 'en', '/');
  const [title, message] = allowed
    ? [page.t('errors.badRequestTitle'), page.t('errors.badQuery')]
    : [page.t('errors.methodTitle'), page.t('errors.methodNotAllowed')];
  return c.html(<ErrorPage page={page} title={title} message={message} />, status);
});
