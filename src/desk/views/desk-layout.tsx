/**
 * The desk's page frame: the site's stylesheet (so the CSP hash covers it), the interface
 * language switch, the desk's sections and a sign-out form. No script, forms only.
 */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Translator } from '../../i18n/index.ts';
import { LANGUAGE_TAGS, type Edition } from '../../services/languages.ts';
import { EditionLinks } from '../../views/edition-links.tsx';
import { STYLES } from '../../views/styles.ts';
import type { Editor } from '../desk-env.ts';
import { FORM_TOKEN_FIELD } from '../auth/form-token-field.ts';

export interface DeskPage {
  t: Translator;
  lang: Edition;
  /** The desk path of this page, for the language switch to come back to. */
  path: string;
  editor?: Editor | undefined;
  formToken?: string | undefined;
}

/** The hidden form-token field every desk form carries. */
export function TokenField({ page }: { page: DeskPage }) {
  return <input type="hidden" name={FORM_TOKEN_FIELD} value={page.formToken ?? ''} />;
}

export function DeskLayout({ page, title, children }: { page: DeskPage; title: string; children: Child }) {
  const { t, lang, editor } = page;
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={LANGUAGE_TAGS[lang]}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex, nofollow" />
          <meta name="color-scheme" content="light dark" />
          <title>{`${title} · ${t('desk.name')}`}</title>
          {/* The site's one stylesheet, a constant of its module (its CSP hash is precomputed). */}
          <style dangerouslySetInnerHTML={{ __html: STYLES }} />
        </head>
        <body>
          <a class="skip" href="#main">
            {t('nav.skip')}
          </a>
          <header class="site">
            <div class="wrap">
              <a class="brand" href="/desk/">
                {t('desk.name')}
              </a>
              <EditionLinks
                t={t}
                current={lang}
                hrefOf={(code) => `/desk/lang/${code}?next=${encodeURIComponent(page.path)}`}
              />
            </div>
            {editor ? (
              <div class="wrap bar">
                <nav aria-label={t('desk.sections')} class="sections">
                  <ul>
                    <li>
                      <a href="/desk/" aria-current={page.path === '/desk/' ? 'page' : undefined}>
                        {t('desk.queue.title')}
                      </a>
                    </li>
                    <li>
                      <a href="/desk/sources" aria-current={page.path === '/desk/sources' ? 'page' : undefined}>
                        {t('desk.sources.title')}
                      </a>
                    </li>
                    <li>
                      <a href="/desk/weeks" aria-current={page.path === '/desk/weeks' ? 'page' : undefined}>
                        {t('desk.weeks.title')}
                      </a>
                    </li>
                  </ul>
                </nav>
                <form method="post" action="/desk/logout" class="search">
                  <span class="meta">{t('desk.signedInAs', { name: editor.name })}</span>
                  <TokenField page={page} />
                  {editor.via === 'session' ? <button type="submit">{t('desk.logout')}</button> : null}
                </form>
              </div>
            ) : null}
          </header>
          <main id="main" class="wrap desk" tabindex={-1}>
            {children}
          </main>
        </body>
      </html>
    </>
  );
}
