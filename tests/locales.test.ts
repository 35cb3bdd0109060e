import { describe, expect, it } from 'vitest';
import uzCyrlGenerated from '../locales/generated/uz-Cyrl.json';
import uzCyrlOverrides from '../locales/uz-Cyrl.json';
import uzLatin from '../locales/uz.json';
import { resources } from '../src/i18n/index.ts';
import { buildCyrillicResource } from '../scripts/locale-resources.ts';
import { getTranslator } from '../src/i18n/index.ts';
import { formatDate, formatWeekDates } from '../src/services/format.ts';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => flatten(child, prefix ? `${prefix}.${key}` : key));
}

describe('locales', () => {
  const keysets = Object.fromEntries(
    Object.entries(resources).map(([lang, resource]) => [lang, flatten(resource.translation)]),
  );

  it('have the same keys in every language (plural forms per CLDR)', () => {
    const base = (keys: string[]) => new Set(keys.map((key) => key.replace(PLURAL_SUFFIX, '')));
    const english = base(keysets.en ?? []);
    for (const [lang, keys] of Object.entries(keysets)) {
      expect([...base(keys)].sort(), lang).toEqual([...english].sort());
      // Every plural key has exactly the categories the language's CLDR rules use.
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const key of keys.filter((candidate) => PLURAL_SUFFIX.test(candidate))) {
        const stem = key.replace(PLURAL_SUFFIX, '');
        const present = keys.filter((candidate) => candidate.replace(PLURAL_SUFFIX, '') === stem && candidate !== stem);
        expect(present.map((candidate) => PLURAL_SUFFIX.exec(candidate)?.[1]).sort(), `${lang} ${stem}`).toEqual(
          [...categories].sort(),
        );
      }
    }
  });

  it('have no empty strings and no ASCII apostrophes in Uzbek', () => {
    for (const lang of Object.keys(resources)) {
      const t = getTranslator(lang as 'en');
      for (const key of keysets[lang] ?? []) expect(t(key.replace(PLURAL_SUFFIX, ''), { count: 1 }), key).not.toBe('');
    }
    expect(JSON.stringify(resources.uz)).not.toMatch(/[OoGg]['‘’`]/);
  });

  it('pluralise per language', () => {
    expect(getTranslator('en')('home.storyCount', { count: 1 })).toBe('1 story');
    expect(getTranslator('en')('home.storyCount', { count: 3 })).toBe('3 stories');
    expect(getTranslator('ja')('home.storyCount', { count: 3 })).toBe('3件のニュース');
    expect(getTranslator('uz')('home.storyCount', { count: 3 })).toBe('3 ta voqea');
  });

  it('keep fixed translators independent under concurrency', async () => {
    const results = await Promise.all(
      Array.from({ length: 60 }, async (_, index) => {
        const lang = (['en', 'uz', 'ja'] as const)[index % 3] ?? 'en';
        await new Promise((resolve) => setTimeout(resolve, index % 7));
        return [lang, getTranslator(lang)('errors.notFoundTitle')] as const;
      }),
    );
    const expected = { en: 'Page not found', uz: 'Sahifa topilmadi', ja: 'ページが見つかりません' };
    for (const [lang, text] of results) expect(text).toBe(expected[lang]);
  });

  it('formats dates as each edition’s press writes them', () => {
    expect(formatDate('ja', '2025-12-20')).toBe('2025年12月20日');
    expect(formatDate('uz-Latn', '2025-12-20')).toBe('2025-yil 20-dekabr');
    expect(formatDate('uz-Cyrl', '2025-12-19')).toBe('2025 йил 19 декабрь');
    expect(formatDate('uz-Cyrl', '2025-03-08')).toBe('2025 йил 8 март');
    // The copy is British ("summarised"), so are the dates.
    expect(formatDate('en', '2025-12-20')).toBe('20 December 2025');
  });

  it('formats the days of a week in each edition, across months and years too', () => {
    const cases: readonly (readonly [string, string, string, string])[] = [
      ['en', '2025-12-15', '2025-12-21', '15–21 December 2025'],
      ['en', '2025-10-27', '2025-11-02', '27 October – 2 November 2025'],
      ['en', '2025-12-29', '2026-01-04', '29 December 2025 – 4 January 2026'],
      ['uz-Latn', '2025-12-15', '2025-12-21', '15–21-dekabr'],
      ['uz-Latn', '2025-10-27', '2025-11-02', '27-oktabr – 2-noyabr'],
      ['uz-Latn', '2025-12-29', '2026-01-04', '2025-yil 29-dekabr – 2026-yil 4-yanvar'],
      ['uz-Cyrl', '2025-12-15', '2025-12-21', '15–21 декабрь'],
      ['uz-Cyrl', '2025-10-27', '2025-11-02', '27 октябрь – 2 ноябрь'],
      ['ja', '2025-12-15', '2025-12-21', '12月15日〜21日'],
      ['ja', '2025-10-27', '2025-11-02', '10月27日〜11月2日'],
      ['ja', '2025-12-29', '2026-01-04', '2025年12月29日〜2026年1月4日'],
    ];
    for (const [tag, start, end, expected] of cases) expect(formatWeekDates(tag, start, end), tag).toBe(expected);
  });
});

describe('generated Uzbek Cyrillic locale', () => {
  it('is what `npm run locales` makes from uz.json and the overrides (never stale)', () => {
    expect(uzCyrlGenerated).toEqual(buildCyrillicResource(uzLatin, uzCyrlOverrides));
  });
});
