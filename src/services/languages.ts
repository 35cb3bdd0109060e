/**
 * The editions of the digest. Content is stored in three languages (en, uz, ja); the Uzbek
 * Cyrillic edition (uz-Cyrl) is the Uzbek Latin text run through the project's transliterator.
 * Paths use the edition code; HTML, hreflang and Intl use the BCP 47 tag.
 */
import { transliterateUzLatnToCyrl } from './transliterate.ts';

export const CONTENT_LANGUAGES = ['en', 'uz', 'ja'] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];

export const EDITIONS = ['en', 'uz', 'uz-Cyrl', 'ja'] as const;
export type Edition = (typeof EDITIONS)[number];

export const DEFAULT_LANGUAGE: ContentLanguage = 'en';

/** BCP 47 tag of each edition: Uzbek is written in two scripts, so its tags name the script. */
export const LANGUAGE_TAGS: Record<Edition, string> = {
  en: 'en',
  uz: 'uz-Latn',
  'uz-Cyrl': 'uz-Cyrl',
  ja: 'ja',
};

/** Each edition's name in its own language and script, for the language switch. */
export const LANGUAGE_NAMES: Record<Edition, string> = {
  en: 'English',
  uz: 'Oʻzbekcha',
  'uz-Cyrl': 'Ўзбекча',
  ja: '日本語',
};

export function isContentLanguage(value: string): value is ContentLanguage {
  return (CONTENT_LANGUAGES as readonly string[]).includes(value);
}

export function isEdition(value: string): value is Edition {
  return (EDITIONS as readonly string[]).includes(value);
}

/** The stored language an edition reads from. */
export function getContentLanguage(edition: Edition): ContentLanguage {
  return edition === 'uz-Cyrl' ? 'uz' : edition;
}

const identity = (text: string): string => text;

/** Turns stored text of the edition's content language into the edition's script. */
export function getScript(edition: Edition): (text: string) => string {
  return edition === 'uz-Cyrl' ? transliterateUzLatnToCyrl : identity;
}

/** Tag for an element whose text is in a stored language shown inside an edition. */
export function tagForText(textLanguage: string, edition: Edition): string {
  if (textLanguage === getContentLanguage(edition)) return LANGUAGE_TAGS[edition];
  return isEdition(textLanguage) ? LANGUAGE_TAGS[textLanguage] : textLanguage;
}

/**
 * The one fallback rule for a document's text: the reader's own language, else the original,
 * else any. `isFallback` says the text shown is not in the reader's language (so it is not put
 * through the edition's script, and is tagged with its own language).
 */
export function chooseText<T extends { lang: string }>(
  texts: readonly T[],
  contentLang: ContentLanguage,
  originalLanguage: string,
): { text: T | undefined; isFallback: boolean } {
  const own = texts.find((text) => text.lang === contentLang);
  if (own) return { text: own, isFallback: false };
  return { text: texts.find((text) => text.lang === originalLanguage) ?? texts[0], isFallback: true };
}
