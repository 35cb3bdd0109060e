import { describe, expect, it } from 'vitest';
import { findAmounts, formatAmount } from '../src/services/figures.ts';
import { splitSentences, summarizeLead } from '../src/services/sentences.ts';

describe('splitSentences', () => {
  it('does not break at abbreviations, initials or amounts', () => {
    expect(splitSentences('Dr. Sato met Mr. Kim in Tokyo. They signed a deal.', 'en')).toEqual([
      'Dr. Sato met Mr. Kim in Tokyo.',
      'They signed a deal.',
    ]);
    expect(splitSentences('S. Umurzakov spoke first. Others followed.', 'en')).toEqual([
      'S. Umurzakov spoke first.',
      'Others followed.',
    ]);
    expect(splitSentences('The portfolio is worth $12bn. in total and growing. A forum follows.', 'en')).toEqual([
      'The portfolio is worth $12bn. in total and growing.',
      'A forum follows.',
    ]);
    expect(splitSentences('Companies such as Le One Co. Ltd. took part. The visit ended.', 'en')).toEqual([
      'Companies such as Le One Co. Ltd. took part.',
      'The visit ended.',
    ]);
  });

  it('keeps quotations whole and splits after closing quotes', () => {
    expect(splitSentences('The report states, "Firms are active. Projects grow." Talks continued.', 'en')).toEqual([
      'The report states, "Firms are active. Projects grow."',
      'Talks continued.',
    ]);
  });

  it('splits Uzbek Latin and Cyrillic text', () => {
    expect(splitSentences('Muzokaralar Tokioda boʻldi. 12 mlrd. dollarlik portfel shakllandi.', 'uz')).toEqual([
      'Muzokaralar Tokioda boʻldi.',
      '12 mlrd. dollarlik portfel shakllandi.',
    ]);
    expect(splitSentences('Музокаралар Токиода бўлди. Форум Самарқандда ўтади!', 'uz-Cyrl')).toEqual([
      'Музокаралар Токиода бўлди.',
      'Форум Самарқандда ўтади!',
    ]);
  });

  it('splits Japanese at 。 but not inside 「」', () => {
    expect(splitSentences('首相は「協力を強化する。投資も増やす。」と述べた。会談は東京で行われた。', 'ja')).toEqual([
      '首相は「協力を強化する。投資も増やす。」と述べた。',
      '会談は東京で行われた。',
    ]);
    expect(splitSentences('本当か？そうだ！', 'ja')).toEqual(['本当か？', 'そうだ！']);
  });

  it('summarises a lead in two or three sentences', () => {
    const summary = summarizeLead(['One short sentence here. Two short sentences here. Three. Four.'], 'en');
    expect(splitSentences(summary, 'en').length).toBeGreaterThanOrEqual(2);
    expect(splitSentences(summary, 'en').length).toBeLessThanOrEqual(3);
  });
});

describe('amounts', () => {
  it('finds amounts however they are quoted', () => {
    expect(findAmounts('worth more than $12 billion').map((amount) => amount.value)).toEqual([12e9]);
    expect(findAmounts('a $12bn portfolio and US$3.5 million, USD 700')).toEqual([
      { value: 12e9, quoted: '$12bn' },
      { value: 3.5e6, quoted: 'US$3.5 million' },
      { value: 700, quoted: 'USD 700' },
    ]);
    expect(findAmounts('14 agreements and 200 companies')).toEqual([]);
  });

  it('shows amounts the locale way', () => {
    expect(formatAmount('en', 12e9)).toBe('$12 billion');
    expect(formatAmount('ja', 12e9)).toBe('120億ドル');
    expect(formatAmount('uz', 12e9)).toBe('12 mlrd dollar');
    expect(formatAmount('uz-Cyrl', 12e9)).toBe('12 млрд доллар');
    expect(formatAmount('uz', 3.5e6)).toBe('3,5 mln dollar');
    expect(formatAmount('ja', 3.5e6)).toBe('350万ドル');
  });
});
