/**
 * The frame every HTML page shares, the reader's pages and the editors' desk alike: doctype,
 * the head's fixed part and the site's one stylesheet (its CSP hash is precomputed), the skip
 * link, the header with the brand, the edition links and a row of section links, and the main
 * landmark. What differs (the head's other tags, the brand, the bar's form, the footer) is
 * passed in.
 */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Translator } from '../i18n/index.ts';
import type { Edition } from '../services/languages.ts';
import { EditionLinks } from './edition-links.tsx';
import { STYLES } from './styles.ts';

interface SectionLink {
  href: string;
  label: string;
  /** "page" on the section's own page, "true" on a page inside it. */
  current?: 'page' | 'true' | undefined;
}

interface ShellBar {
  /** The navigation landmark's name. */
  label: string;
  sections: readonly SectionLink[];
  /** What stands at the bar's end (the search form, the sign-out form). */
  end: Child;
}

interface PageShellProps {
  t: Translator;
  lang: Edition;
  /** `<html lang>`: the edition's language tag. */
  tag: string;
  title: string;
  /** The head's page-specific tags, after the title. */
  head: Child;
  brand: Child;
  /** Where each edition link goes. */
  editionHref: (code: Edition) => string;
  bar?: ShellBar | undefined;
  mainClass?: string;
  footer?: Child;
  children: Child;
}

export function PageShell(props: PageShellProps) {
  const { t, bar } = props;
  return (
    <>
      {/* Constant markup, not data: the doctype cannot be expressed in JSX. */}
      {raw('<!DOCTYPE html>')}
      <html lang={props.tag}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title}</title>
          {props.head}
          <meta name="color-scheme" content="light dark" />
          {/* The stylesheet is a constant of its module; CSS must not be HTML-escaped. */}
          <style dangerouslySetInnerHTML={{ __html: STYLES }} />
        </head>
        <body>
          <a class="skip" href="#main">
            {t('nav.skip')}
          </a>
          <header class="site">
            <div class="wrap">
              {props.brand}
              <EditionLinks t={t} current={props.lang} hrefOf={props.editionHref} />
            </div>
            {bar ? (
              <div class="wrap bar">
                <nav aria-label={bar.label} class="sections">
                  <ul>
                    {bar.sections.map((section) => (
                      <li>
                        <a href={section.href} aria-current={section.current}>
                          {section.label}
                        </a>
                      </li>
                    ))}
                  </ul>
                </nav>
                {bar.end}
              </div>
            ) : null}
          </header>
          <main id="main" class={props.mainClass ?? 'wrap'} tabindex={-1}>
            {props.children}
          </main>
          {props.footer}
        </body>
      </html>
    </>
  );
}
