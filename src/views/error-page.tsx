import { EDITIONS, LANGUAGE_NAMES, LANGUAGE_TAGS } from '../services/languages.ts';
import { Layout } from './layout.tsx';
import { editionPath, type PageContext } from './page-context.ts';

export function ErrorPage({ page, title, message }: { page: PageContext; title: string; message: string }) {
  const { t, lang } = page;
  return (
    <Layout page={page} title={title} description={message}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href={editionPath(lang, '/')}>{t('errors.backHome')}</a>
      </p>
      <ul>
        {EDITIONS.filter((code) => code !== lang).map((code) => (
          <li>
            <a href={editionPath(code, '/')} lang={LANGUAGE_TAGS[code]} hreflang={LANGUAGE_TAGS[code]}>
              {LANGUAGE_NAMES[code]}
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
