/**
 * Issue 16, "one term per thing": a report (one source's text, with its own page) and a story
 * (the reports about one event, grouped each week) each have one name per edition, in the
 * interface and in the summaries built from it. en: report / story; uz: xabar / voqea (and
 * never "maqola", a third name for a report); ja: 記事 / ニュース (never ストーリー).
 * Critical minerals are "muhim minerallar" in Uzbek everywhere (not "kritik minerallar" nor
 * "muhim … mineral xomashyo").
 */
import { describe, expect, it } from 'vitest';
import en from '../locales/en.json';
import ja from '../locales/ja.json';
import uz from '../locales/uz.json';
import { getTranslator } from '../src/i18n/index.ts';

const uzTexts = import.meta.glob<{ headline: string; paragraphs: string[] }>('../content/translations/uz/*.json', {
  import: 'default',
  eager: true,
});

function readerStrings(resource: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') out.push([path, value]);
    else if (value !== null && typeof value === 'object')
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
  };
  // The editors' desk is not a reader page; its words are the editors'.
  walk({ ...resource, desk: undefined }, '');
  return out;
}

describe('one term per thing', () => {
  it.each([
    ['en', en, /\barticles?\b/i],
    ['uz', uz, /maqola/i],
    ['ja', ja, /ストーリー/],
  ] as const)('%s: reader strings never use a third name for a report or a story', (_lang, resource, banned) => {
    const offenders = readerStrings(resource).filter(([, text]) => banned.test(text));
    expect(offenders).toEqual([]);
  });

  it.each([
    ['en', '3 stories', '3 reports'],
    ['uz', '3 ta voqea', '3 ta xabar'],
    ['ja', '3件のニュース', '3件の記事'],
  ] as const)('%s: stories and reports are counted with different words everywhere', (lang, stories, reports) => {
    const t = getTranslator(lang);
    for (const key of ['home.storyCount', 'weekly.storyCount', 'topicsPage.storyCount'])
      expect(t(key, { count: 3 }), key).toBe(stories);
    for (const key of ['home.reportCount', 'topicsPage.reportCount']) expect(t(key, { count: 3 }), key).toBe(reports);
  });

  it('uz: a story is a voqea wherever one is named (week page, chart, top story, next story)', () => {
    const t = getTranslator('uz');
    expect(t('home.topStory', { week: 'W' })).toContain('voqea');
    expect(t('article.nextStory')).toContain('voqea');
    expect(t('article.sameStory')).toContain('voqea');
    expect(t('weekly.topicCount', { topic: 'Energetika', count: 2 })).toBe('Energetika: 2 ta voqea');
    expect(t('weekly.moreStories', { count: 2 })).toContain('voqeasi');
    expect(t('weekly.chartTitle', { week: 51 })).toContain('voqealar');
  });

  it('uz: critical minerals have one name in the interface and in every translation', () => {
    const texts = [JSON.stringify(uz), ...Object.values(uzTexts).map((file) => JSON.stringify(file))];
    for (const text of texts) {
      expect(text).not.toMatch(/kritik mineral/i);
      expect(text).not.toMatch(/mineral xomashyo/i);
    }
    expect(getTranslator('uz')('topics.critical-minerals-mining')).toBe('Muhim minerallar va kon sanoati');
    expect(texts.some((text) => text.includes('muhim minerallar'))).toBe(true);
  });
});
