/**
 * Uzbek Cyrillic → Uzbek Latin by the 1995 alphabet's own correspondence table. The lexicon
 * is written in Cyrillic (the script that keeps ь, ъ, ц, э and ё apart) and this function
 * gives each entry the one Latin spelling the press prints for it, so the data never states
 * a word twice. Lowercase in, lowercase out; anything that is not a Cyrillic letter passes.
 *
 * The context rules: е is ye at the start of a word and after a vowel, ъ or ь (Европа
 * Yevropa, поезд poyezd, объект obyekt); ц is ts after a vowel and s elsewhere (лицей
 * litsey, цемент sement, концерт konsert); ь is dropped, except that ьо is yo (батальон
 * batalyon); ъ is ʼ between letters (маъно maʼno) but vanishes before е ё ю я, which carry
 * their own y (съезд syezd), and after ў (мўъжиза moʻjiza); сҳ is sʼh so that it does not
 * read as the digraph sh (Исҳоқ Isʼhoq).
 */
const LETTERS: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ғ: 'gʻ',
  д: 'd',
  ё: 'yo',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  қ: 'q',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  ў: 'oʻ',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'x',
  ҳ: 'h',
  ч: 'ch',
  ш: 'sh',
  щ: 'sh',
  ы: 'i',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};
const VOWELS = new Set('аеёиоуэюяўы');
const IOTATED = new Set('еёюя');

export function spellCyrillicInLatin(cyrillic: string): string {
  let out = '';
  for (let i = 0; i < cyrillic.length; i++) {
    const ch = cyrillic[i] as string;
    const prev = cyrillic[i - 1];
    const next = cyrillic[i + 1];
    if (ch === 'е') {
      const iotated = prev === undefined || VOWELS.has(prev) || prev === 'ъ' || prev === 'ь' || !/\p{L}/u.test(prev);
      out += iotated ? 'ye' : 'e';
    } else if (ch === 'ц') {
      out += prev !== undefined && VOWELS.has(prev) ? 'ts' : 's';
    } else if (ch === 'ь') {
      out += next === 'о' ? 'y' : '';
    } else if (ch === 'ъ') {
      const between = prev !== undefined && /\p{L}/u.test(prev) && next !== undefined && /\p{L}/u.test(next);
      out += !between || prev === 'ў' || IOTATED.has(next) ? '' : 'ʼ';
    } else if (ch === 'ҳ' && prev === 'с') {
      out += 'ʼh';
    } else {
      out += LETTERS[ch] ?? ch;
    }
  }
  return out;
}
