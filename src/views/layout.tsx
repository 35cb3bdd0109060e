import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { EDITIONS, LANGUAGE_NAMES, LANGUAGE_TAGS } from '../services/languages.ts';
import { editionPath, type PageContext } from './page-context.ts';
import { STYLES } from './styles.ts';

const OG_LOCALES: Record<string, string> = { en: 'en_GB', uz: 'uz_UZ', 'uz-Cyrl': 'uz_UZ', ja: 'ja_JP' };

interface LayoutProps {
  page: PageContext;
  title: string;
  description: string;
  children: Child;
  ogType?: 'website' | 'article';
  /** Languages this page exists in; defaults to all editions. */
  languages?: readonly string[];
  /** "noindex" for pages search engines should not keep (search results). */
  robots?: string;
  /** The search box's current text (on the search page). */
  query?: string;
}

/** Switch links pass through /lang/{code} so the choice is remembered in the `lang` cookie. */
export function switchHref(lang: string, rest: string): string {
  return `/lang/${lang}?next=${encodeURIComponent(editionPath(lang, rest))}`;
}

export function Layout({
  page,
  title,
  description,
  children,
  ogType = 'website',
  languages,
  robots,
  query = '',
}: LayoutProps) {
  const { t, lang, tag, origin, rest } = page;
  const available = languages ?? EDITIONS;
  const canonical = origin + editionPath(lang, rest);
  const siteName = t('site.name');
  const fullTitle = `${title} · ${siteName}`;
  return (
    <>
      {/* Constant markup, not data: the doctype cannot be expressed in JSX. */}
      {raw('<!DOCTYPE html>')}
      <html lang={tag}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{fullTitle}</title>
          <meta name="description" content={description} />
          {robots ? <meta name="robots" content={robots} /> : null}
          <link rel="canonical" href={canonical} />
          {EDITIONS.filter((code) => available.includes(code)).map((code) => (
            <link rel="alternate" hreflang={LANGUAGE_TAGS[code]} href={origin + editionPath(code, rest)} />
          ))}
          <link
            rel="alternate"
            hreflang="x-default"
            href={rest === '/' ? `${origin}/` : origin + editionPath('en', rest)}
          />
          <meta property="og:site_name" content={siteName} />
          <meta property="og:type" content={ogType} />
          <meta property="og:title" content={title} />
          <meta property="og:description" content={description} />
          <meta property="og:url" content={canonical} />
          <meta property="og:locale" content={OG_LOCALES[lang]} />
          <meta name="color-scheme" content="light dark" />
          <link
            rel="alternate"
            type="application/rss+xml"
            title={`${t('feed.title')} (RSS)`}
            href={`${origin}/${lang}/feed.xml`}
          />
          <link
            rel="alternate"
            type="application/atom+xml"
            title={`${t('feed.title')} (Atom)`}
            href={`${origin}/${lang}/feed.atom`}
          />
          <link
            rel="alternate"
            type="application/feed+json"
            title={`${t('feed.title')} (JSON Feed)`}
            href={`${origin}/${lang}/feed.json`}
          />
          {/* The stylesheet is a constant of this module; CSS must not be HTML-escaped. */}
          <style dangerouslySetInnerHTML={{ __html: STYLES }} />
        </head>
        <body>
          <a class="skip" href="#main">
            {t('nav.skip')}
          </a>
          <header class="site">
            <div class="wrap">
              <div>
                <a class="brand" href={editionPath(lang, '/')}>
                  {siteName}
                </a>
                <p class="tagline">{t('site.tagline')}</p>
              </div>
              <nav aria-label={t('nav.languages')} class="langs">
                <ul>
                  {EDITIONS.map((code) => (
                    <li>
                      <a
                        href={switchHref(code, rest)}
                        hreflang={LANGUAGE_TAGS[code]}
                        lang={LANGUAGE_TAGS[code]}
                        aria-current={code === lang ? 'page' : undefined}
                      >
                        {LANGUAGE_NAMES[code]}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            </div>
            <div class="wrap bar">
              <nav aria-label={t('nav.label')} class="sections">
                <ul>
                  <li>
                    <a href={editionPath(lang, '/')} aria-current={rest === '/' ? 'page' : undefined}>
                      {t('nav.home')}
                    </a>
                  </li>
                  <li>
                    <a href={editionPath(lang, '/weeks/')} aria-current={rest === '/weeks/' ? 'page' : undefined}>
                      {t('nav.weeks')}
                    </a>
                  </li>
                  <li>
                    <a href={editionPath(lang, '/topics/')} aria-current={rest === '/topics/' ? 'page' : undefined}>
                      {t('nav.topics')}
                    </a>
                  </li>
                </ul>
              </nav>
              <form class="search" role="search" action={editionPath(lang, '/search')} method="get">
                <label for="site-search">{t('search.label')}</label>
                <input
                  id="site-search"
                  name="q"
                  type="search"
                  value={query}
                  maxlength={200}
                  placeholder={t('search.placeholder')}
                />
                <button type="submit">{t('search.button')}</button>
              </form>
            </div>
          </header>
          <main id="main" class="wrap" tabindex={-1}>
            {children}
          </main>
          <footer class="site">
            <div class="wrap">
              <p>{t('footer.about')}</p>
              <p>
                {t('feed.subscribe')}
                {t('punct.colon')}
                <a href={editionPath(lang, '/feed.xml')}>{t('feed.rss')}</a> ·{' '}
                <a href={editionPath(lang, '/feed.atom')}>{t('feed.atom')}</a> ·{' '}
                <a href={editionPath(lang, '/feed.json')}>{t('feed.json')}</a>
              </p>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
