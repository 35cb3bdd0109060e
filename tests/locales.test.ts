import { describe, expect, it } from 'vitest';
import uzCyrlGenerated from '../locales/generated/uz-Cyrl.json';
import uzCyrlOverrides from '../locales/uz-Cyrl.json';
import uzLatin from '../locales/uz.json';
import { resources } from '../src/i18n/index.ts';
import { buildCyrillicResource } from '../src/services/locale-resources.ts';
import { getTranslator } from '../src/i18n/index.ts';
import { formatDate } from '../src/services/format.ts';

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
    expect(getTranslator('ja')('home.storyCount', { count: 3 })).toBe('3件の記事');
    expect(getTranslator('uz')('home.storyCount', { count: 3 })).toBe('3 ta xabar');
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

  it('format dates through Intl in each locale', () => {
    expect(formatDate('ja', '2025-12-20')).toBe('2025年12月20日');
    expect(formatDate('uz-Latn', '2025-12-20')).toBe('20-dekabr, 2025');
    expect(formatDate('en', '2025-12-20')).toBe('December 20, 2025');
  });
});

describe('generated Uzbek Cyrillic locale', () => {
  it('is what `npm run locales` makes from uz.json and the overrides (never stale)', () => {
    expect(uzCyrlGenerated).toEqual(buildCyrillicResource(uzLatin, uzCyrlOverrides));
  });
});
