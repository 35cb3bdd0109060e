/**
 * Who may enter the desk, checked on every request before any route:
 * - no DESK_SESSION_SECRET: the desk is closed (503), never open by default;
 * - Cloudflare Access configured: a valid `Cf-Access-Jwt-Assertion` or 403, the same page
 *   whatever was wrong with the token (missing, expired, another audience, another key);
 * - otherwise the login form's signed session cookie, or a redirect to /desk/login.
 * Every POST also passes hono's csrf origin check (in app.tsx) and the session's form token,
 * compared in constant time; a failure is 403 and changes nothing.
 */
import { createMiddleware } from 'hono/factory';
import type { DeskEnv } from '../desk-env.ts';
import { ACCESS_HEADER, readAccessConfig, verifyAccessToken } from './access.ts';
import { checkFormToken, createFormToken, readSession } from './session.ts';
import { renderRefusal } from '../views/refusal.tsx';
import { FORM_TOKEN_FIELD } from './form-token-field.ts';

/** Paths open without a session (the login form itself, and the language choice). */
const OPEN_PATHS = new Set(['/desk/login']);

export const guardDesk = createMiddleware<DeskEnv>(async (c, next) => {
  const secret = c.env.DESK_SESSION_SECRET ?? '';
  if (secret.length < 16) return renderRefusal(c, 503, 'closed');
  const access = readAccessConfig(c.env);
  const path = c.req.path;
  if (access) {
    const email = await verifyAccessToken(c.req.header(ACCESS_HEADER) ?? '', access);
    if (!email) return renderRefusal(c, 403, 'accessDenied');
    c.set('editor', { name: email, via: 'access', sessionKey: `access:${email}` });
  } else {
    const session = await readSession(c, secret);
    if (!session) {
      if (OPEN_PATHS.has(path) || path.startsWith('/desk/lang/')) return next();
      return c.redirect('/desk/login', 303);
    }
    c.set('editor', { name: session.name, via: 'session', sessionKey: `session:${session.nonce}` });
  }
  const editor = c.get('editor');
  c.set('formToken', await createFormToken(secret, editor.sessionKey));
  if (c.req.method === 'POST') {
    const body = await c.req.parseBody();
    const token = body[FORM_TOKEN_FIELD];
    if (typeof token !== 'string' || !(await checkFormToken(secret, editor.sessionKey, token))) {
      return renderRefusal(c, 403, 'formExpired');
    }
  }
  return next();
});
