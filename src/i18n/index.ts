/**
 * The one i18next instance of the isolate, initialised synchronously with bundled
 * resources. Requests never switch its language: each gets a translator fixed to its
 * language with getFixedT, so concurrent requests in different languages cannot mix.
 */
import i18next, { type TFunction } from 'i18next';
import en from '../../locales/en.json' with { type: 'json' };
import ja from '../../locales/ja.json' with { type: 'json' };
import uz from '../../locales/uz.json' with { type: 'json' };
import { CONTENT_LANGUAGES, type ContentLanguage } from '../services/languages.ts';

export const resources = {
  en: { translation: en },
  uz: { translation: uz },
  ja: { translation: ja },
} as const;

const i18n = i18next.createInstance();
void i18n.init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...CONTENT_LANGUAGES],
  initAsync: false,
  // hono/jsx escapes on output; escaping here too would double-escape.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export type Translator = TFunction;

const translators = new Map<ContentLanguage, Translator>();

export function getTranslator(lang: ContentLanguage): Translator {
  let translator = translators.get(lang);
  if (!translator) {
    translator = i18n.getFixedT(lang);
    translators.set(lang, translator);
  }
  return translator;
}
