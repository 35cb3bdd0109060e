/**
 * Checks on a machine translation before it is stored, against the known failures of models
 * such as m2m100: output that loops (the same words or characters over and over), output in
 * the wrong script (Latin for Japanese, Cyrillic for Uzbek Latin), and output whose length is
 * implausible for the language pair (a truncated or runaway paragraph). Pure.
 */
import type { ContentLanguage } from './languages.ts';

export type TranslationProblem = 'repetition' | 'wrong_script' | 'length_ratio';

/** What a text may be translated from: an edition's language, or Russian (a source with no edition). */
export type SourceTextLanguage = ContentLanguage | 'ru';

/** Output characters per source character, from generous bounds on real translations. */
const LENGTH_RATIO: Record<string, [number, number]> = {
  'en>uz': [0.5, 2.5],
  'uz>en': [0.4, 2],
  'en>ja': [0.15, 1.2],
  'uz>ja': [0.15, 1.2],
  'ja>en': [0.8, 8],
  'ja>uz': [0.8, 8],
  'ru>en': [0.5, 1.8],
};
/** Texts shorter than this (a date, a name) are too short for a ratio to mean anything; Japanese is denser. */
const MIN_RATIO_LENGTH = { en: 40, uz: 40, ja: 15, ru: 40 } as const;

function countLetters(text: string) {
  let latin = 0;
  let cyrillic = 0;
  let japanese = 0;
  for (const char of text) {
    if (/[A-Za-z\u00C0-\u024F]/.test(char)) latin++;
    else if (/[\u0400-\u04FF]/.test(char)) cyrillic++;
    else if (/[\u3040-\u30FF\u4E00-\u9FFF]/.test(char)) japanese++;
  }
  return { latin, cyrillic, japanese, all: latin + cyrillic + japanese };
}

function hasRepetition(text: string): boolean {
  // The same 1–20 characters five times in a row ("のののの…", "and the and the …").
  if (/(.{1,20}?)\1{4,}/su.test(text.replace(/\s+/g, ' '))) return true;
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length < 12) return false;
  // One word making up over a third of a long output.
  const counts = new Map<string, number>();
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  return Math.max(...counts.values()) > words.length / 3;
}

function isWrongScript(text: string, to: ContentLanguage): boolean {
  const letters = countLetters(text);
  if (letters.all === 0) return false;
  if (to === 'ja') return letters.japanese < letters.all * 0.3;
  // Uzbek and English are written in Latin here; names in Japanese script are rare.
  return letters.latin < letters.all * 0.8;
}

/** Null when the output may be stored; else what is wrong with it. */
export function findTranslationProblem(
  source: string,
  output: string,
  from: SourceTextLanguage,
  to: ContentLanguage,
): TranslationProblem | null {
  if (hasRepetition(output) && !hasRepetition(source)) return 'repetition';
  if (isWrongScript(output, to)) return 'wrong_script';
  const bounds = LENGTH_RATIO[`${from}>${to}`];
  if (bounds && source.length >= MIN_RATIO_LENGTH[from]) {
    const ratio = output.length / source.length;
    if (ratio < bounds[0] || ratio > bounds[1]) return 'length_ratio';
  }
  return null;
}
