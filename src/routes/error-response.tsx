/**
 * The one place an error becomes a response, for pages, the public API and the admin API:
 * a DomainError's code picks the status (services/domain-error.ts); under /api/ the body is
 * `{"error": {"code", "message", ...details}}`, elsewhere an error page in the path's edition
 * (a 404 says what was not found: `details.reason`).
 */
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { getTranslator } from '../i18n/index.ts';
import { DomainError, ERROR_STATUS } from '../services/domain-error.ts';
import { isEdition, type Edition } from '../services/languages.ts';
import { ErrorPage } from '../views/error-page.tsx';
import { buildPageContext, NotFoundView, type NotFoundReason } from './page-helpers.tsx';

function languageOfPath(url: string): Edition {
  const first = new URL(url).pathname.split('/')[1] ?? '';
  return isEdition(first) ? first : 'en';
}

const isApiPath = (c: Context<AppEnv>) => new URL(c.req.url).pathname.startsWith('/api/');

/** A page (or API route) that does not exist; `reason` picks the page's message. */
export function pageNotFound(reason: NotFoundReason = 'pageNotFound'): DomainError {
  return new DomainError('not_found', 'Not found.', { reason });
}

export function respondWithError(c: Context<AppEnv>, error: DomainError): Response | Promise<Response> {
  const status = ERROR_STATUS[error.code];
  if (isApiPath(c)) return c.json({ error: { code: error.code, message: error.message, ...error.details } }, status);
  const lang = languageOfPath(c.req.url);
  if (error.code === 'not_found') {
    const reason = (error.details.reason as NotFoundReason | undefined) ?? 'pageNotFound';
    return c.html(<NotFoundView url={c.req.url} lang={lang} reason={reason} />, status);
  }
  const t = getTranslator(lang);
  const page = { ...buildPageContext(c.req.url, lang, '/'), section: null };
  return c.html(<ErrorPage page={page} title={t('errors.serverTitle')} message={t('errors.serverError')} />, status);
}

/** Anything that is not a DomainError is a defect: logged, and answered with a plain 500. */
export function respondWithUnexpected(c: Context<AppEnv>, error: Error): Response | Promise<Response> {
  const path = new URL(c.req.url).pathname;
  if (path.startsWith('/api/v1/admin/')) {
    console.error(JSON.stringify({ message: 'editorial API error', path: c.req.path, error: String(error) }));
    return respondWithError(c, new DomainError('internal', 'The change could not be saved; nothing was changed.'));
  }
  console.error(JSON.stringify({ message: 'unhandled error', path, error: String(error), stack: error.stack }));
  return respondWithError(c, new DomainError('internal', 'The request could not be completed.'));
}
