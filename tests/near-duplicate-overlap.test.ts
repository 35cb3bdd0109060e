/** The near-duplicate measure: word 3-shingles, compared as the share of the smaller set. */
import { describe, expect, it } from 'vitest';
import { collectShingles, measureOverlap, NEAR_DUPLICATE, POSSIBLE_DUPLICATE } from '../src/services/editorial.ts';

const REPORT =
  'President Shavkat Mirziyoyev held talks with Prime Minister Sanae Takaichi in Tokyo on Thursday. ' +
  'The leaders discussed investment, critical minerals and a new direct flight between Tashkent and Tokyo.';

describe('near-duplicate overlap', () => {
  it('makes lower-cased word 3-shingles, ignoring punctuation, each once', () => {
    expect([...collectShingles('Tokyo, TOKYO: tokyo tokyo!')]).toEqual(['tokyo tokyo tokyo']);
    expect([...collectShingles('Oʻzbekiston va Yaponiya')]).toEqual(['oʻzbekiston va yaponiya']);
    expect(collectShingles('two words').size).toBe(0);
  });

  it('rates the same report retold by another outlet as a near-duplicate, both ways round', () => {
    const retold = `${REPORT.replace('on Thursday', 'on Thursday, officials said')} Read more on our site.`;
    const [own, other] = [collectShingles(REPORT), collectShingles(retold)];
    const overlap = measureOverlap(own, other);
    expect(overlap).toBeGreaterThanOrEqual(NEAR_DUPLICATE);
    expect(measureOverlap(other, own)).toBe(overlap);
  });

  it('divides by the smaller text: a lead quoted in a longer article is covered by it', () => {
    const lead = collectShingles(REPORT.split('. ')[0] ?? '');
    const longer = collectShingles(`${REPORT} Both sides also agreed to expand student exchanges next year.`);
    expect(measureOverlap(lead, longer)).toBe(1);
  });

  it('keeps a different story on the same visit below the possible-duplicate share', () => {
    const different = collectShingles(
      'Japanese companies signed agreements worth two billion dollars during the visit of the Uzbek delegation to Osaka.',
    );
    expect(measureOverlap(collectShingles(REPORT), different)).toBeLessThan(POSSIBLE_DUPLICATE);
    expect(measureOverlap(collectShingles(''), different)).toBe(0);
  });
});
