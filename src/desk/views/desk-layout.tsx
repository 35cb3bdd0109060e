/**
 * The desk's page frame: the reader's shell (views/page-shell.tsx: head, stylesheet, skip
 * link, header, main), with the desk's name as the brand, the interface language switch, the
 * desk's sections and a sign-out form. No script, forms only; never indexed.
 */
import type { Child } from 'hono/jsx';
import type { Translator } from '../../i18n/index.ts';
import { LANGUAGE_TAGS, type Edition } from '../../services/languages.ts';
import { PageShell } from '../../views/page-shell.tsx';
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

const SECTIONS = [
  ['/desk/', 'desk.queue.title'],
  ['/desk/sources', 'desk.sources.title'],
  ['/desk/weeks', 'desk.weeks.title'],
] as const;

export function DeskLayout({ page, title, children }: { page: DeskPage; title: string; children: Child }) {
  const { t, lang, editor } = page;
  return (
    <PageShell
      t={t}
      lang={lang}
      tag={LANGUAGE_TAGS[lang]}
      title={`${title} · ${t('desk.name')}`}
      head={<meta name="robots" content="noindex, nofollow" />}
      brand={
        <a class="brand" href="/desk/">
          {t('desk.name')}
        </a>
      }
      editionHref={(code) => `/desk/lang/${code}?next=${encodeURIComponent(page.path)}`}
      bar={
        editor
          ? {
              label: t('desk.sections'),
              sections: SECTIONS.map(([path, label]) => ({
                href: path,
                label: t(label),
                current: page.path === path ? 'page' : page.path.startsWith(`${path}/`) ? 'true' : undefined,
              })),
              end: (
                <form method="post" action="/desk/logout" class="search">
                  <span class="meta">{t('desk.signedInAs', { name: editor.name })}</span>
                  <TokenField page={page} />
                  {editor.via === 'session' ? <button type="submit">{t('desk.logout')}</button> : null}
                </form>
              ),
            }
          : undefined
      }
      mainClass="wrap desk"
    >
      {children}
    </PageShell>
  );
}
