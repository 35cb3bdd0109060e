import type { Child } from 'hono/jsx';
import { EDITIONS, LANGUAGE_TAGS } from '../services/languages.ts';
import { editionPath, type PageContext } from './page-context.ts';
import { PageShell } from './page-shell.tsx';

/** The logo's ground (assets/icon.svg), as browsers tint their chrome with it. */
const THEME_COLOR = '#0f4c5c';

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
  /** A feed of this page's own (a topic's), announced before the edition's weekly feeds. */
  feed?: PageFeed;
  /** An absolute image URL for link previews (an article's lead image); else the site's card. */
  image?: string | undefined;
}

export interface PageFeed {
  title: string;
  /** Path before `/feed.xml`, `/feed.atom`, `/feed.json`: "/en/topics/energy". */
  prefix: string;
}

/** The alternate links of one set of feeds; feed readers offer them in document order. */
function FeedLinks({ origin, title, prefix }: PageFeed & { origin: string }) {
  return (
    <>
      <link rel="alternate" type="application/rss+xml" title={`${title} (RSS)`} href={`${origin}${prefix}/feed.xml`} />
      <link
        rel="alternate"
        type="application/atom+xml"
        title={`${title} (Atom)`}
        href={`${origin}${prefix}/feed.atom`}
      />
      <link
        rel="alternate"
        type="application/feed+json"
        title={`${title} (JSON Feed)`}
        href={`${origin}${prefix}/feed.json`}
      />
    </>
  );
}

/** The reader's sections: the one marked is the page's own section (`page.section`). */
const SECTIONS = [
  ['home', '/', 'nav.home'],
  ['weeks', '/weeks/', 'nav.weeks'],
  ['topics', '/topics/', 'nav.topics'],
] as const;

/** Switch links pass through /lang/{code} so the choice is remembered in the `lang` cookie. */
function switchHref(lang: string, rest: string): string {
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
  feed,
  image,
}: LayoutProps) {
  const { t, lang, tag, origin, rest } = page;
  const available = languages ?? EDITIONS;
  const canonical = origin + editionPath(lang, rest);
  const siteName = t('site.name');
  const fullTitle = `${title} · ${siteName}`;
  return (
    <PageShell
      t={t}
      lang={lang}
      tag={tag}
      title={fullTitle}
      head={
        <>
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
          {[...new Set(available.map((code) => OG_LOCALES[code]))]
            .filter((locale) => locale !== OG_LOCALES[lang])
            .map((locale) => (
              <meta property="og:locale:alternate" content={locale} />
            ))}
          {image ? (
            <meta property="og:image" content={image} />
          ) : (
            <>
              {/* The default card image (npm run identity); absolute, as Open Graph requires. */}
              <meta property="og:image" content={`${origin}/og-image.png`} />
              <meta property="og:image:type" content="image/png" />
              <meta property="og:image:width" content="1200" />
              <meta property="og:image:height" content="630" />
              <meta property="og:image:alt" content={siteName} />
            </>
          )}
          <meta name="twitter:card" content="summary_large_image" />
          <meta name="twitter:title" content={title} />
          <meta name="twitter:description" content={description} />
          <meta name="twitter:image" content={image ?? `${origin}/og-image.png`} />
          <link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48" />
          <link rel="icon" href="/icon.svg" type="image/svg+xml" />
          <link rel="apple-touch-icon" href="/icon-192.png" />
          <link rel="manifest" href="/manifest.webmanifest" />
          <meta name="theme-color" content={THEME_COLOR} />
          {feed ? <FeedLinks origin={origin} {...feed} /> : null}
          <FeedLinks origin={origin} title={t('feed.title')} prefix={`/${lang}`} />
        </>
      }
      brand={
        <div>
          <a class="brand" href={editionPath(lang, '/')}>
            {/* Decorative: the link's name is the site's name beside it. */}
            <img src="/icon.svg" alt="" width="28" height="28" />
            {siteName}
          </a>
          <p class="tagline">{t('site.tagline')}</p>
        </div>
      }
      editionHref={(code) => switchHref(code, rest)}
      bar={{
        label: t('nav.label'),
        sections: SECTIONS.map(([section, path, label]) => ({
          href: editionPath(lang, path),
          label: t(label),
          current: section !== page.section ? undefined : rest === path ? 'page' : 'true',
        })),
        end: (
          <form class="search" role="search" action={editionPath(lang, '/search')} method="get">
            {/* Named for screen readers; sighted readers see the placeholder and the button. */}
            <label class="vh" for="site-search">
              {t('search.label')}
            </label>
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
        ),
      }}
      footer={
        <footer class="site">
          <div class="wrap">
            <p>{t('footer.about')}</p>
            <ul class="footer-links">
              <li>
                <a href={editionPath(lang, '/subscribe')}>{t('subscribe.footerLink')}</a>
              </li>
              <li>
                <a href={editionPath(lang, '/about')}>{t('about.footerLink')}</a>
              </li>
            </ul>
          </div>
        </footer>
      }
    >
      {children}
    </PageShell>
  );
}
