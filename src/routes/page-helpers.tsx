/** Helpers shared by the page routes: the per-request page context and the localized 404. */
import { getTranslator } from '../i18n/index.ts';
import { getContentLanguage, getScript, LANGUAGE_TAGS } from '../services/languages.ts';
import { ErrorPage } from '../views/error-page.tsx';
import { sectionOf, type PageContext } from '../views/page-context.ts';

export function buildPageContext(url: string, lang: PageContext['lang'], rest: string): PageContext {
  return {
    lang,
    contentLang: getContentLanguage(lang),
    script: getScript(lang),
    tag: LANGUAGE_TAGS[lang],
    t: getTranslator(lang),
    origin: new URL(url).origin,
    rest,
    section: sectionOf(rest),
  };
}

export type NotFoundReason = 'articleNotFound' | 'pageNotFound' | 'weekNotFound';

export function NotFoundView({
  url,
  lang,
  reason,
}: {
  url: string;
  lang: PageContext['lang'];
  reason: NotFoundReason;
}) {
  const page = { ...buildPageContext(url, lang, '/'), section: null };
  return (
    <ErrorPage
      page={page}
      title={page.t('errors.notFoundTitle')}
      message={reason === 'weekNotFound' ? page.t('weekly.notFound') : page.t(`errors.${reason}`)}
    />
  );
}
