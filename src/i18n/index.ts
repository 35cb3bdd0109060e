/**
 * The one i18next instance of the isolate, initialised synchronously with bundled
 * resources. Requests never switch its language: each gets a translator fixed to its
 * language with getFixedT, so concurrent requests in different languages cannot mix.
 */
import i18next, { type TFunction } from 'i18next';
import en from '../../locales/en.json' with { type: 'json' };
import ja from '../../locales/ja.json' with { type: 'json' };
import uz from '../../locales/uz.json' with { type: 'json' };
import uzCyrl from '../../locales/generated/uz-Cyrl.json' with { type: 'json' };
import { EDITIONS, type Edition } from '../services/languages.ts';

/**
 * Uzbek Cyrillic strings come from the Uzbek Latin locale through the transliterator, with a
 * small override file for the strings it must not touch (brand, format names), generated at
 * build time by `npm run locales` (scripts/locale-resources.ts).
 */
export const resources = {
  en: { translation: en },
  uz: { translation: uz },
  'uz-Cyrl': { translation: uzCyrl },
  ja: { translation: ja },
} as const;

const i18n = i18next.createInstance();
void i18n.init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...EDITIONS],
  // 'uz-Cyrl' is a full resource of its own; never fall back through 'uz' (Latin) for it.
  load: 'currentOnly',
  initAsync: false,
  // hono/jsx escapes on output; escaping here too would double-escape.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export type Translator = TFunction;

const translators = new Map<Edition, Translator>();

export function getTranslator(lang: Edition): Translator {
  let translator = translators.get(lang);
  if (!translator) {
    translator = i18n.getFixedT(lang);
    translators.set(lang, translator);
  }
  return translator;
}
