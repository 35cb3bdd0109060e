import type { Translator } from '../i18n/index.ts';
import type { ContentLanguage, Edition } from '../services/languages.ts';

/** What every view needs to know about the request it renders. */
export interface PageContext {
  lang: Edition;
  /** The stored language this edition reads (uz for uz-Cyrl). */
  contentLang: ContentLanguage;
  /** Renders stored text of `contentLang` in the edition's script. */
  script: (text: string) => string;
  /** BCP 47 tag for <html lang>, hreflang and Intl. */
  tag: string;
  t: Translator;
  /** https://example.org, without a trailing slash. */
  origin: string;
  /** The path after the language prefix: "/" or "/articles/slug" (with the query a page keeps, "/search?q=…"). */
  rest: string;
  /**
   * The menu entry this page belongs to, marked in the menu; null for a page that belongs to
   * none (an error page, whose `rest` is only where its alternates point).
   */
  section: NavSection | null;
}

export type NavSection = 'home' | 'weeks' | 'topics';

/** The menu entry a path belongs to: a week page is under the weeks, a topic under the topics. */
export function sectionOf(rest: string): NavSection | null {
  if (rest === '/') return 'home';
  if (rest.startsWith('/weeks/')) return 'weeks';
  if (rest.startsWith('/topics/')) return 'topics';
  return null;
}

export function editionPath(lang: string, rest: string): string {
  return `/${lang}${rest}`;
}
