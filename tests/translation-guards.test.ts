import { describe, expect, it } from 'vitest';
import { findTranslationProblem } from '../src/services/translation-guards.ts';

const EN = 'Uzbekistan and Japan signed agreements worth twelve billion dollars during the president’s visit to Tokyo.';

describe('machine translation guards', () => {
  it('accepts plausible translations', () => {
    expect(
      findTranslationProblem(
        EN,
        'Oʻzbekiston va Yaponiya prezidentning Tokioga tashrifi chogʻida 12 milliard dollarlik kelishuvlar imzoladi.',
        'en',
        'uz',
      ),
    ).toBeNull();
    expect(
      findTranslationProblem(
        EN,
        '大統領の東京訪問中に、ウズベキスタンと日本は120億ドル相当の協定に署名した。',
        'en',
        'ja',
      ),
    ).toBeNull();
  });

  it('rejects repetition loops', () => {
    expect(findTranslationProblem(EN, `大統領の${'訪問の'.repeat(12)}`, 'en', 'ja')).toBe('repetition');
    expect(
      findTranslationProblem(
        EN,
        'Oʻzbekiston va Yaponiya va Yaponiya va Yaponiya va Yaponiya va Yaponiya va Yaponiya',
        'en',
        'uz',
      ),
    ).toBe('repetition');
  });

  it('rejects the wrong script', () => {
    expect(findTranslationProblem(EN, EN, 'en', 'ja')).toBe('wrong_script');
    expect(
      findTranslationProblem(
        EN,
        'Ўзбекистон ва Япония президентнинг Токиога ташрифи чоғида келишувлар имзолади.',
        'en',
        'uz',
      ),
    ).toBe('wrong_script');
  });

  it('rejects an implausible length ratio', () => {
    expect(findTranslationProblem(EN, 'Oʻzbekiston.', 'en', 'uz')).toBe('length_ratio');
    expect(
      findTranslationProblem('日本とウズベキスタンは協定に署名した。東京で首脳会談が行われた。', 'Japan.', 'ja', 'en'),
    ).toBe('length_ratio');
  });
});
