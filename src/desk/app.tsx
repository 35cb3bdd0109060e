/**
 * The editors' desk, /desk/…: a Hono sub-app loaded on first use (app.tsx imports it
 * dynamically), so reader pages never evaluate any of it. Server-rendered forms, no script.
 * Every action calls the same workflow function as its admin API twin (workflows/editorial/,
 * workflows/summaries/); this module only parses forms and picks pages.
 *
 * Order matters: language and D1 first (refusals are localised), then `no-store` on every
 * answer (desk pages are per editor and must never enter a shared or browser cache), then
 * hono's csrf origin check for every form POST, then the guard (identity + form token).
 */
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { createDb } from '../db/client.ts';
import { getTranslator } from '../i18n/index.ts';
import { chooseLanguage } from '../services/negotiate.ts';
import { DomainError, ERROR_STATUS } from '../services/domain-error.ts';
import { guardDesk } from './auth/guard.ts';
import type { DeskEnv } from './desk-env.ts';
import { documentRoutes } from './routes/document.tsx';
import { historyRoutes } from './routes/history.tsx';
import { loginRoutes } from './routes/login.tsx';
import { queueRoutes } from './routes/queue.tsx';
import { sourceRoutes } from './routes/sources.tsx';
import { weekRoutes } from './routes/weeks.tsx';
import { renderRefusal } from './views/refusal.tsx';

const DESK_LANG_COOKIE = 'desk_lang';

export const desk = new Hono<DeskEnv>();

const prepareDesk = createMiddleware<DeskEnv>(async (c, next) => {
  const lang = chooseLanguage(getCookie(c, DESK_LANG_COOKIE), c.req.header('Accept-Language'));
  c.set('lang', lang);
  c.set('t', getTranslator(lang));
  // Editors must see their own writes at once: every desk request reads the primary.
  c.set('db', createDb(c.env.DB.withSession('first-primary')));
  await next();
  c.res.headers.set('Cache-Control', 'no-store');
});

desk.use('*', prepareDesk);

desk.use('*', csrf());
desk.use('*', guardDesk);

desk.route('/', loginRoutes);
desk.route('/', queueRoutes);
desk.route('/', documentRoutes);
desk.route('/', historyRoutes);
desk.route('/', weekRoutes);
desk.route('/', sourceRoutes);

desk.notFound((c) => renderRefusal(c, 404, 'notFound'));

// The desk's pages, with the app's one code → status map (services/domain-error.ts): only the
// wording is the desk's. Anything that is not a DomainError goes on to the app's onError (500).
desk.onError((error, c) => {
  // hono's csrf middleware refuses a cross-site form post with a 403 HTTPException.
  if (error instanceof HTTPException && error.status === 403) return renderRefusal(c, 403, 'crossSite');
  if (!(error instanceof DomainError)) throw error;
  // Anything else the workflows refuse (invalid fields, a taken URL): nothing was changed.
  const reason = error.code === 'not_found' ? 'notFound' : error.code === 'deleted' ? 'deleted' : 'invalid';
  return renderRefusal(c, ERROR_STATUS[error.code], reason);
});
