/**
 * The editions a weekly summary is built in: one per edition, the Cyrillic one cut from the
 * Uzbek text and transliterated. Translators are made once per isolate (never changeLanguage).
 */
import { getTranslator } from '../../i18n/index.ts';
import { EDITIONS, getContentLanguage, getScript, LANGUAGE_TAGS } from '../../services/languages.ts';
import type { SummaryLocale } from '../../services/weekly-summary.ts';

export const SUMMARY_LOCALES: SummaryLocale[] = EDITIONS.map((lang) => ({
  lang,
  contentLang: getContentLanguage(lang),
  tag: LANGUAGE_TAGS[lang],
  t: getTranslator(lang),
  script: getScript(lang),
}));
