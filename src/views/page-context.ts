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
  /** The path after the language prefix: "/" or "/articles/slug". */
  rest: string;
}

export function editionPath(lang: string, rest: string): string {
  return `/${lang}${rest}`;
}
