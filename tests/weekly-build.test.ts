import { describe, expect, it } from 'vitest';
import { getTranslator } from '../src/i18n/index.ts';
import { clusterDocuments } from '../src/services/clustering.ts';
import { buildWeeklySummary, type WeekDocument } from '../src/services/weekly-summary.ts';
import { getPreviousIsoWeek } from '../src/services/week-clock.ts';
import { readCorpusWeekDocuments } from './helpers/corpus.ts';

async function weekDocuments(week: string): Promise<WeekDocument[]> {
  return (await readCorpusWeekDocuments()).filter(({ isoWeek }) => isoWeek === week).map(({ doc }) => doc);
}

const locale = (lang: 'en' | 'uz' | 'ja', tag: string) => ({ lang, contentLang: lang, tag, t: getTranslator(lang) });

describe('weekly summary of 2025-W51', () => {
  it('clusters 001 and 002 into one story with both sources', async () => {
    const docs = await weekDocuments('2025-W51');
    expect(docs).toHaveLength(2);
    const summary = buildWeeklySummary('2025-W51', docs, locale('en', 'en'));
    expect(summary.stories).toHaveLength(1);
    expect(summary.stories[0]?.sources.map((source) => source.slug)).toEqual([
      'mirziyoyev-and-takaichi-hold-talks-in-tokyo',
      'uzbekistan-and-japan-sign-12bn-cooperation-portfolio',
    ]);
    // The source's own headline beats the editorial one.
    expect(summary.stories[0]?.headline).toBe('Uzbekistan and Japan sign $12bn cooperation portfolio');
    // One story touches all its topics equally: no topic leads, so no "mostly".
    expect(summary.intro).toBe('1 story from 2 sources, on energy, investment and finance and education.');
    expect(summary.figures.map((figure) => figure.display)).toEqual(['$12 billion']);
  });

  it('writes 2–4 sentences from each language’s own text', async () => {
    const docs = await weekDocuments('2025-W51');
    for (const [lang, tag] of [
      ['en', 'en'],
      ['uz', 'uz-Latn'],
      ['ja', 'ja'],
    ] as const) {
      const summary = buildWeeklySummary('2025-W51', docs, locale(lang, tag));
      const story = summary.stories[0];
      expect(story?.sentences.length).toBeGreaterThanOrEqual(2);
      expect(story?.sentences.length).toBeLessThanOrEqual(4);
      const fullText = docs.flatMap((doc) => doc.texts[lang]?.paragraphs ?? []).join(' ');
      for (const sentence of story?.sentences ?? []) expect(fullText).toContain(sentence);
    }
    const ja = buildWeeklySummary('2025-W51', docs, locale('ja', 'ja'));
    // CLDR's Japanese conjunction list joins with 、
    expect(ja.intro).toBe('2件の情報源から1件のニュース。テーマはエネルギー、投資・金融、教育。');
    expect(ja.figures[0]?.display).toBe('120億ドル');
    const uz = buildWeeklySummary('2025-W51', docs, locale('uz', 'uz-Latn'));
    expect(uz.figures[0]?.display).toBe('12 mlrd dollar');
    expect(uz.intro).toBe('2 ta manbadan 1 ta voqea, energetika, investitsiya va moliya va taʼlim haqida.');
  });

  it('is deterministic', async () => {
    const docs = await weekDocuments('2025-W51');
    const first = JSON.stringify(buildWeeklySummary('2025-W51', docs, locale('en', 'en')));
    const second = JSON.stringify(buildWeeklySummary('2025-W51', [...docs].reverse(), locale('en', 'en')));
    expect(second).toBe(first);
  });
});

describe('clustering', () => {
  it('does not merge reports that only share country names', () => {
    const places = [
      { slug: 'uzbekistan', kind: 'place' },
      { slug: 'japan', kind: 'place' },
      { slug: 'tokyo', kind: 'place' },
    ];
    expect(
      clusterDocuments([
        { id: 1, entities: [...places, { slug: 'laziz-kudratov', kind: 'person' }], amounts: [] },
        { id: 2, entities: [...places, { slug: 'bobur-usmanov', kind: 'person' }], amounts: [] },
        { id: 3, entities: places, amounts: [] },
      ]),
    ).toEqual([[1], [2], [3]]);
  });

  it('merges reports of the same event whatever language they came in', () => {
    const people = [
      { slug: 'shavkat-mirziyoyev', kind: 'person' },
      { slug: 'sanae-takaichi', kind: 'person' },
    ];
    expect(
      clusterDocuments([
        { id: 7, entities: people, amounts: [12e9] },
        { id: 3, entities: [...people, { slug: 'samarkand', kind: 'place' }], amounts: [12e9] },
        { id: 5, entities: [{ slug: 'jica', kind: 'organization' }], amounts: [] },
      ]),
    ).toEqual([[3, 7], [5]]);
  });
});

describe('week clock', () => {
  it('finds the week that just ended in the configured time zone', () => {
    const mondayMorning = Date.parse('2025-12-22T06:00:00Z');
    expect(getPreviousIsoWeek(mondayMorning, 'UTC')).toBe('2025-W51');
    // Sunday 23:30 in UTC is already Monday in Tashkent (UTC+5): the week has ended there.
    const sundayNight = Date.parse('2025-12-21T23:30:00Z');
    expect(getPreviousIsoWeek(sundayNight, 'UTC')).toBe('2025-W50');
    expect(getPreviousIsoWeek(sundayNight, 'Asia/Tashkent')).toBe('2025-W51');
    expect(() => getPreviousIsoWeek(mondayMorning, 'Not/AZone')).toThrow(RangeError);
  });
});
