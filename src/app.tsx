import { Hono } from 'hono';
import type { AppEnv } from './app-env.ts';
import { createDb } from './db/client.ts';
import { getTranslator } from './i18n/index.ts';
import { isEdition, type Edition } from './services/languages.ts';
import { buildPageContext } from './routes/page-helpers.tsx';
import { pages } from './routes/pages.tsx';
import { admin } from './routes/admin.ts';
import { api } from './routes/api.ts';
import { root } from './routes/root.ts';
import { ErrorPage } from './views/error-page.tsx';

function languageOfPath(url: string): Edition {
  const first = new URL(url).pathname.split('/')[1] ?? '';
  return isEdition(first) ? first : 'en';
}

export function createApp() {
  const app = new Hono<AppEnv>();

  // Per-request objects are made here, never at module scope.
  app.use('*', async (c, next) => {
    c.set('db', createDb(c.env.DB));
    await next();
  });

  app.route('/', admin);
  app.route('/', api);
  app.route('/', root);
  app.route('/', pages);

  // Unknown edition or path outside any edition: English, linking every edition.
  app.notFound((c) => {
    const lang = languageOfPath(c.req.url);
    const page = buildPageContext(c.req.url, lang, '/');
    return c.html(
      <ErrorPage page={page} title={page.t('errors.notFoundTitle')} message={page.t('errors.pageNotFound')} />,
      404,
    );
  });

  app.onError((error, c) => {
    console.error(
      JSON.stringify({
        message: 'unhandled error',
        path: new URL(c.req.url).pathname,
        error: String(error),
        stack: error.stack,
      }),
    );
    if (new URL(c.req.url).pathname.startsWith('/api/')) {
      return c.json({ error: { code: 'internal', message: 'The request could not be completed.' } }, 500);
    }
    const lang = languageOfPath(c.req.url);
    const t = getTranslator(lang);
    const page = buildPageContext(c.req.url, lang, '/');
    return c.html(<ErrorPage page={page} title={t('errors.serverTitle')} message={t('errors.serverError')} />, 500);
  });

  return app;
}

export const app = createApp();
