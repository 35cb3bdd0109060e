/** The editions of the digest. Paths use the short code; HTML and hreflang use the BCP 47 tag. */

export const CONTENT_LANGUAGES = ['en', 'uz', 'ja'] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];

export const DEFAULT_LANGUAGE: ContentLanguage = 'en';

/** BCP 47 tag of each edition: Uzbek is written in two scripts, so its tag names the script. */
export const LANGUAGE_TAGS: Record<ContentLanguage, string> = {
  en: 'en',
  uz: 'uz-Latn',
  ja: 'ja',
};

/** Each edition's name in its own language, for the language switch. */
export const LANGUAGE_NAMES: Record<ContentLanguage, string> = {
  en: 'English',
  uz: 'Oʻzbekcha',
  ja: '日本語',
};

export function isContentLanguage(value: string): value is ContentLanguage {
  return (CONTENT_LANGUAGES as readonly string[]).includes(value);
}
