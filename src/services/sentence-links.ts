/**
 * Which sentences lean on the one before them. An extractive summary takes sentences out of
 * their reports, so one that opens with "This was reported by…", "Bu haqda…", "これは…", "He"
 * or "Ushbu" would point at whatever happens to precede it in the summary: another report's
 * sentence, or nothing. Such a sentence may only stand right after its own predecessor.
 *
 * Openings, per language: personal and demonstrative pronouns at the start of a sentence (which
 * covers the attributions "This was reported…", "Bu haqda…", "これは…"). Deliberately
 * narrow: a false "leans back" costs one candidate; a missed one costs a sentence that reads
 * as nonsense, so the lists hold only openings that cannot start a self-contained sentence.
 */
const LEANS_BACK: Readonly<Record<string, RegExp>> = {
  en: /^(?:This|These|That|Those|It|He|She|They|His|Her|Their|Its|Such|Both sides|The two sides|The sides)\b/u,
  uz: /^(?:Bu|Ushbu|Shu|Mazkur|U|Ular|Uning|Ularning|Unda|Bunda|Tomonlar)(?![\p{L}\u02BB\u02BC])/u,
  ja: /^(?:これ|それ|この|その|こうした|同氏|同社|同省|同国|同行|両氏|両国|両首脳)/u,
};

export function leansOnPreviousSentence(sentence: string, lang: string): boolean {
  return LEANS_BACK[lang]?.test(sentence.trimStart()) ?? false;
}
