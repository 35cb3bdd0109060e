import { describe, expect, it } from 'vitest';
import { transliterateText } from '../src/services/transliterate.ts';
import { countLexiconEntries, splitStem } from '../src/services/uzbek-script/lexicon.ts';
import { UNSEEN_WORDS, WORD_TABLE } from './fixtures/uz-cyrl-word-table.ts';

interface Row {
  latin: string;
  cyrillic: string;
  group: string;
}

function readTable(table = WORD_TABLE): Row[] {
  const rows: Row[] = [];
  let group = '';
  for (const line of table.split('\n')) {
    if (line.startsWith('#')) group = line.slice(1).trim();
    else if (line.trim() !== '') {
      const [latin, cyrillic] = line.split(' ') as [string, string];
      rows.push({ latin, cyrillic, group });
    }
  }
  return rows;
}

/** The share of the table the transliterator must get right (issue 16 asks for 98 % or better). */
const MIN_AGREEMENT = 0.98;
/** The share of the held-out forms it must get right (98.9 % when the second round was written). */
const MIN_HELD_OUT_AGREEMENT = 0.95;

describe('the transliteration word table', () => {
  const rows = readTable();

  it('has at least 1,500 distinct pairs spanning every class', () => {
    expect(rows.length).toBeGreaterThanOrEqual(1500);
    expect(new Set(rows.map((row) => row.latin)).size).toBe(rows.length);
    for (const letter of ['ь', 'ъ', 'ц', 'э', 'ё', 'е']) {
      // Every class of the lexicon is represented by dozens of forms.
      expect(rows.filter((row) => row.cyrillic.includes(letter)).length, letter).toBeGreaterThanOrEqual(50);
    }
  });

  it(`agrees on at least ${MIN_AGREEMENT * 100} % of the pairs`, () => {
    const misses = rows.filter((row) => transliterateText(row.latin) !== row.cyrillic);
    const agreement = 1 - misses.length / rows.length;
    const byGroup = new Map<string, number>();
    for (const miss of misses) byGroup.set(miss.group, (byGroup.get(miss.group) ?? 0) + 1);
    console.log(
      `word table: ${rows.length} pairs, agreement ${(agreement * 100).toFixed(2)} %, lexicon ${countLexiconEntries()} entries`,
    );
    const share = (part: Row[], of: Row[]) => `${((1 - part.length / of.length) * 100).toFixed(1)} %`;
    for (const group of new Set(rows.map((row) => row.group))) {
      const inGroup = rows.filter((row) => row.group === group);
      console.log(
        `  ${share(
          misses.filter((row) => row.group === group),
          inGroup,
        )} of ${inGroup.length}: ${group}`,
      );
    }
    const heldOut = rows.filter((row) => row.group.startsWith('Held out'));
    const heldOutMisses = misses.filter((row) => row.group.startsWith('Held out'));
    // The forms whose Cyrillic the Latin does not show: the lexicon's classes.
    const hard = (row: Row) => /[ьъцё]|йо|[^аеёиоуэюяў\s-]э/u.test(row.cyrillic.toLowerCase());
    console.log(
      `held-out words (never put in the lexicon): ${heldOut.length}, agreement ${share(heldOutMisses, heldOut)}; ` +
        `${heldOut.filter(hard).length} of them with ь ъ ц ё йо or э inside: ` +
        share(heldOutMisses.filter(hard), heldOut.filter(hard)),
    );
    if (misses.length > 0) {
      console.log(
        misses.map((row) => `${row.latin} → ${transliterateText(row.latin)} (want ${row.cyrillic})`).join('\n'),
      );
    }
    expect(agreement).toBeGreaterThanOrEqual(MIN_AGREEMENT);
    // Words the lexicon never saw: the rules and stems must carry most of them too.
    expect(1 - heldOutMisses.length / heldOut.length).toBeGreaterThanOrEqual(MIN_HELD_OUT_AGREEMENT);
  });

  it('is measured on loanwords the lexicon has never seen, and never learns them', () => {
    const unseen = readTable(UNSEEN_WORDS);
    expect(unseen.length).toBeGreaterThanOrEqual(200);
    // The group measures generalisation only while none of its words is an entry: a bare word
    // found as a whole stem means it was added, and the figure would turn into a lookup.
    const learned = unseen.filter((row) => splitStem(row.latin.toLowerCase())?.stem === row.latin.toLowerCase());
    expect(learned.map((row) => row.cyrillic)).toEqual([]);
    const misses = unseen.filter((row) => transliterateText(row.latin) !== row.cyrillic);
    const hard = unseen.filter((row) => /[ьъцё]|йо|[^аеёиоуэюяў\s-]э/u.test(row.cyrillic.toLowerCase()));
    console.log(
      `unseen loanwords: ${unseen.length} forms, agreement ${((1 - misses.length / unseen.length) * 100).toFixed(1)} %; ` +
        `${hard.length} with ь ъ ц ё йо or э inside: ` +
        `${((1 - misses.filter((row) => hard.includes(row)).length / hard.length) * 100).toFixed(1)} %`,
    );
    // Forms the letter rules alone can spell (no ь, ц, э inside, йо) must still come out right.
    expect(misses.filter((row) => !hard.includes(row)).map((row) => row.latin)).toEqual([]);
  });
});
