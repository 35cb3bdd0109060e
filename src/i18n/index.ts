/**
 * The one i18next instance of the isolate, initialised synchronously with bundled
 * resources. Requests never switch its language: each gets a translator fixed to its
 * language with getFixedT, so concurrent requests in different languages cannot mix.
 */
import i18next, { type TFunction } from 'i18next';
import en from '../../locales/en.json' with { type: 'json' };
import ja from '../../locales/ja.json' with { type: 'json' };
import uz from '../../locales/uz.json' with { type: 'json' };
import uzCyrlOverrides from '../../locales/uz-Cyrl.json' with { type: 'json' };
import { EDITIONS, type Edition } from '../services/languages.ts';
import { transliterateUzLatnToCyrl } from '../services/transliterate.ts';

type Resource = { [key: string]: string | Resource };

/** Transliterates every string of a resource tree, leaving {{placeholders}} as they are. */
function transliterateResource(resource: Resource): Resource {
  return Object.fromEntries(
    Object.entries(resource).map(([key, value]) => [
      key,
      typeof value === 'string'
        ? value
            .split(/(\{\{[^}]+\}\})/)
            .map((part) => (part.startsWith('{{') ? part : transliterateUzLatnToCyrl(part)))
            .join('')
        : transliterateResource(value),
    ]),
  );
}

function mergeResource(base: Resource, overrides: Resource): Resource {
  const merged: Resource = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = merged[key];
    merged[key] = typeof value === 'object' && typeof current === 'object' ? mergeResource(current, value) : value;
  }
  return merged;
}

/**
 * Uzbek Cyrillic strings come from the Uzbek Latin locale through the transliterator, with
 * a small override file for the strings it must not touch (brand, format names).
 */
export const resources = {
  en: { translation: en },
  uz: { translation: uz },
  'uz-Cyrl': { translation: mergeResource(transliterateResource(uz), uzCyrlOverrides) },
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
