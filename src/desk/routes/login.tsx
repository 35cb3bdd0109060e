/**
 * Signing in without Cloudflare Access: the ADMIN_TOKEN and the editor's name, then a signed
 * session cookie. Every refusal of a login is the same page and status whether the token was
 * wrong, missing, or the client has tried too often, so the answer reveals nothing; the
 * limiter counts failures per client (auth/rate-limit.ts explains why in-isolate).
 */
import { Hono, type Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { isSecret } from '../../services/hash.ts';
import { isEdition } from '../../services/languages.ts';
import { readAccessConfig } from '../auth/access.ts';
import { identifyClient, loginLimiter } from '../auth/rate-limit.ts';
import { cleanEditorName, endSession, startSession } from '../auth/session.ts';
import type { DeskEnv } from '../desk-env.ts';
import { LoginView } from '../views/login-view.tsx';

export const loginRoutes = new Hono<DeskEnv>();

function showLogin(c: Context<DeskEnv>, refused: boolean, name = '') {
  const page = { t: c.get('t'), lang: c.get('lang'), path: '/desk/login' };
  return c.html(<LoginView page={page} refused={refused} name={name} />, refused ? 401 : 200);
}

loginRoutes.get('/desk/login', (c) => {
  // Behind Access (or already signed in) there is nothing to do here.
  if (c.get('editor')) return c.redirect('/desk/', 303);
  return showLogin(c, false);
});

loginRoutes.post('/desk/login', async (c) => {
  if (readAccessConfig(c.env)) return c.redirect('/desk/', 303);
  const body = await c.req.parseBody();
  const token = typeof body['token'] === 'string' ? body['token'] : '';
  const name = cleanEditorName(typeof body['name'] === 'string' ? body['name'] : '');
  const client = identifyClient(c.req.raw.headers);
  // Checked even when the limiter refuses, so both paths cost the same.
  const valid = await isSecret(token, c.env.ADMIN_TOKEN ?? '');
  if (!loginLimiter.allows(client) || !valid || !name) {
    loginLimiter.recordFailure(client);
    return showLogin(c, true, name);
  }
  loginLimiter.reset(client);
  await startSession(c, c.env.DESK_SESSION_SECRET ?? '', name);
  return c.redirect('/desk/', 303);
});

loginRoutes.post('/desk/logout', (c) => {
  endSession(c);
  return c.redirect('/desk/login', 303);
});

/** The interface language: remembered in its own cookie, then back to the page. */
loginRoutes.get('/desk/lang/:lang', (c) => {
  const lang = c.req.param('lang');
  const next = c.req.query('next') ?? '/desk/';
  const target = /^\/desk\/[^/\\]?/.test(next) && !next.startsWith('//') ? next : '/desk/';
  if (isEdition(lang)) {
    setCookie(c, 'desk_lang', lang, { path: '/desk', secure: true, sameSite: 'Lax', maxAge: 365 * 24 * 3600 });
  }
  return c.redirect(target, 303);
});
