import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffWords, MAX_CELLS, splitWords, type DiffRun } from '../src/services/word-diff.ts';

const side = (runs: DiffRun[], keep: 'del' | 'add') =>
  runs
    .filter((run) => run.op === 'same' || run.op === keep)
    .map((run) => run.text)
    .join(' ');

describe('word diff', () => {
  it('marks a replaced word between kept ones', () => {
    expect(diffWords('the centre will test panels', 'the centre will check panels')).toEqual([
      { op: 'same', text: 'the centre will' },
      { op: 'del', text: 'test' },
      { op: 'add', text: 'check' },
      { op: 'same', text: 'panels' },
    ]);
  });

  it('finds the longest common subsequence, not just a common prefix and suffix', () => {
    expect(diffWords('a b c d e', 'b x d e f')).toEqual([
      { op: 'del', text: 'a' },
      { op: 'same', text: 'b' },
      { op: 'del', text: 'c' },
      { op: 'add', text: 'x' },
      { op: 'same', text: 'd e' },
      { op: 'add', text: 'f' },
    ]);
  });

  it('handles empty sides and whitespace differences', () => {
    expect(diffWords('', 'new text')).toEqual([{ op: 'add', text: 'new text' }]);
    expect(diffWords('old text', '')).toEqual([{ op: 'del', text: 'old text' }]);
    expect(diffWords('same  words\n here', 'same words here')).toEqual([{ op: 'same', text: 'same words here' }]);
  });

  it('always rebuilds both texts, and keeps as many words as an LCS (property)', () => {
    const words = fc.array(fc.constantFrom('a', 'b', 'c', 'oʻz', 'の'), { maxLength: 30 });
    fc.assert(
      fc.property(words, words, (a, b) => {
        const runs = diffWords(a.join(' '), b.join(' '));
        expect(side(runs, 'del')).toBe(a.join(' '));
        expect(side(runs, 'add')).toBe(b.join(' '));
        // Kept words never exceed either side and equal the classic LCS length.
        const kept = runs.filter((run) => run.op === 'same').flatMap((run) => splitWords(run.text)).length;
        const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
        for (let i = 1; i <= a.length; i++)
          for (let j = 1; j <= b.length; j++)
            lcs[i]![j] = a[i - 1] === b[j - 1] ? lcs[i - 1]![j - 1]! + 1 : Math.max(lcs[i - 1]![j]!, lcs[i]![j - 1]!);
        expect(kept).toBe(lcs[a.length]![b.length]);
      }),
    );
  });

  it('stays bounded on huge rewrites: above the cell budget the middle is removed-then-added', () => {
    const size = Math.ceil(Math.sqrt(MAX_CELLS)) + 10;
    const before = Array.from({ length: size }, (_, i) => `a${i}`).join(' ');
    const after = Array.from({ length: size }, (_, i) => `b${i}`).join(' ');
    const runs = diffWords(`start ${before} end`, `start ${after} end`);
    expect(runs.map((run) => run.op)).toEqual(['same', 'del', 'add', 'same']);
  });
});
