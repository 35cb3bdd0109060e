/**
 * Reading time of a text, in whole minutes (at least one). Pure and language-neutral: words
 * of space-separated scripts are counted at 220 a minute, Japanese (and other CJK) characters
 * at 500 a minute, the usual silent-reading rates for adult readers of each. One pass over
 * the text, no allocation per word.
 */
const WORDS_PER_MINUTE = 220;
const CJK_CHARACTERS_PER_MINUTE = 500;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
// A word: a run of letters or digits (with Uzbek ʻ ʼ inside) in any script except CJK.
const WORD = /[\p{L}\p{Nd}\u02BB\u02BC]+/gu;

export function estimateReadingMinutes(texts: readonly string[]): number {
  let words = 0;
  let characters = 0;
  for (const text of texts) {
    const cjk = text.match(CJK)?.length ?? 0;
    characters += cjk;
    // CJK characters are letters too: remove them before counting the other script's words.
    words += (cjk > 0 ? text.replace(CJK, ' ') : text).match(WORD)?.length ?? 0;
  }
  const minutes = words / WORDS_PER_MINUTE + characters / CJK_CHARACTERS_PER_MINUTE;
  return Math.max(1, Math.round(minutes));
}
