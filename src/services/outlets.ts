/**
 * How each edition names the outlets reports come from. Documents store the outlet as the
 * editors recorded it, in English ("Darakchi (citing the press service of the President of
 * Uzbekistan)"); readers of the other editions get the outlet's proper name unchanged and any
 * description around it in their own language, and the same outlet is always named the same
 * way. A name written in English words (The Caspian Post) is marked as English, so that
 * browsers and screen readers pronounce it as such; an outlet not listed is shown as stored.
 */
import type { Edition } from './languages.ts';

interface OutletNames {
  /** Set when the name itself is English words; the name is then never transliterated. */
  lang?: 'en';
  uz?: string;
  ja?: string;
}

const OUTLETS: Readonly<Record<string, OutletNames>> = {
  'The Caspian Post': { lang: 'en' },
  'Invest in Uzbekistan': { lang: 'en' },
  'Darakchi (citing the press service of the President of Uzbekistan)': {
    uz: 'Darakchi (Oʻzbekiston Prezidenti matbuot xizmatiga tayanib)',
    ja: 'Darakchi（ウズベキスタン大統領府報道局の発表を引用）',
  },
};

export interface OutletName {
  text: string;
  /** The language of `text` when it is not the edition's (a BCP 47 tag). */
  lang?: 'en';
  /** False when the edition's script must leave the name alone. */
  transliterate: boolean;
}

export function nameOutlet(stored: string, edition: Edition): OutletName {
  const names = OUTLETS[stored];
  if (names?.lang !== undefined) {
    return edition === 'en'
      ? { text: stored, transliterate: false }
      : { text: stored, lang: names.lang, transliterate: false };
  }
  const own = edition === 'ja' ? names?.ja : edition === 'uz' || edition === 'uz-Cyrl' ? names?.uz : undefined;
  return { text: own ?? stored, transliterate: own !== undefined };
}
