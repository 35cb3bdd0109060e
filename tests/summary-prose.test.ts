import { describe, expect, it } from 'vitest';
import { leansOnPreviousSentence } from '../src/services/sentence-links.ts';
import { buildWeeklySummary, type WeekDocument } from '../src/services/weekly-summary.ts';
import { SUMMARY_LOCALES } from '../src/workflows/summaries/editions.ts';
import { readCorpusWeekDocuments } from './helpers/corpus.ts';

/** Every week of the real corpus, as the cron reads it. */
async function readWeeks(): Promise<Map<string, WeekDocument[]>> {
  const weeks = new Map<string, WeekDocument[]>();
  for (const { isoWeek, doc } of await readCorpusWeekDocuments())
    weeks.set(isoWeek, [...(weeks.get(isoWeek) ?? []), doc]);
  return weeks;
}

/** True when `previous` stands right before `sentence` in one of the reports. */
function followsInReport(previous: string, sentence: string, docs: readonly WeekDocument[], lang: string): boolean {
  const glue = lang === 'ja' ? '' : ' ';
  return docs.some((doc) => (doc.texts[lang]?.paragraphs.join(glue) ?? '').includes(`${previous}${glue}${sentence}`));
}

describe('the weekly summary reads as prose', () => {
  it('never opens a sentence leaning on one it left out (every week, every edition)', async () => {
    let total = 0;
    const dangling: string[] = [];
    for (const [week, docs] of await readWeeks()) {
      for (const locale of SUMMARY_LOCALES.filter((candidate) => candidate.lang !== 'uz-Cyrl')) {
        for (const story of buildWeeklySummary(week, docs, locale).stories) {
          story.sentences.forEach((sentence, index) => {
            total++;
            if (!leansOnPreviousSentence(sentence, story.textLang)) return;
            const previous = story.sentences[index - 1];
            if (previous === undefined || !followsInReport(previous, sentence, docs, story.textLang)) {
              dangling.push(sentence);
            }
          });
        }
      }
    }
    console.log(`summary sentences: ${total}, opening on a missing reference: ${dangling.length}`);
    expect(total).toBeGreaterThan(20);
    expect(dangling).toEqual([]);
  });

  it('keeps the attribution "Bu haqda … xabar berdi" with the sentence it attributes', async () => {
    const docs = (await readWeeks()).get('2025-W51') ?? [];
    const uz = SUMMARY_LOCALES.find((locale) => locale.lang === 'uz');
    if (uz === undefined) throw new Error('no uz locale');
    for (const story of buildWeeklySummary('2025-W51', docs, uz).stories) {
      story.sentences.forEach((sentence, index) => {
        if (!sentence.startsWith('Bu haqda')) return;
        expect(followsInReport(story.sentences[index - 1] ?? '', sentence, docs, 'uz'), sentence).toBe(true);
      });
    }
  });
});

describe('a sentence that points back stands only after its own predecessor', () => {
  const talks = 'President Mirziyoyev and Prime Minister Takaichi held talks in Tokyo on 20 December 2025.';
  const doc = (id: number, publishedOn: string, paragraphs: string[]): WeekDocument => ({
    id,
    slug: `report-${id}`,
    sourceName: `Outlet ${id}`,
    sourceUrl: `https://example.com/${id}`,
    publishedOn,
    originalLanguage: 'en',
    headlineIsEditorial: false,
    topics: ['diplomacy'],
    entities: [
      { slug: 'shavkat-mirziyoyev', kind: 'person', mentions: 3 },
      { slug: 'sanae-takaichi', kind: 'person', mentions: 3 },
    ],
    texts: { en: { headline: `Report ${id}`, paragraphs } },
  });
  // Two reports of the same talks: the second's lead repeats the first's (and is left out as a
  // near-duplicate), so its attribution would follow the first outlet's sentence.
  const docs = [
    doc(1, '2025-12-20', [talks, 'The sides signed 12 documents worth $12 billion in energy and mining.']),
    doc(2, '2025-12-21', [talks, 'This was reported by the press service of the President on 21 December.']),
  ];

  it('drops "This was reported by…" when the sentence it attributes was not picked', () => {
    const en = SUMMARY_LOCALES.find((locale) => locale.lang === 'en');
    if (en === undefined) throw new Error('no en locale');
    const { stories } = buildWeeklySummary('2025-W51', docs, en);
    expect(stories).toHaveLength(1);
    const sentences = stories.flatMap((story) => story.sentences);
    expect(sentences).toContain(talks);
    expect(sentences.filter((sentence) => sentence.startsWith('This was reported'))).toEqual([]);
  });

  it('keeps it, torn from its sentence, only when the prose rules are off (the bench baseline)', () => {
    const en = SUMMARY_LOCALES.find((locale) => locale.lang === 'en');
    if (en === undefined) throw new Error('no en locale');
    // `npm run bench -- --only prose` compares against this: the same choice without the rules.
    const { stories } = buildWeeklySummary('2025-W51', docs, en, { proseRules: false });
    const sentences = stories.flatMap((story) => story.sentences);
    const attribution = sentences.findIndex((sentence) => sentence.startsWith('This was reported'));
    expect(attribution).toBeGreaterThan(0);
    expect(sentences[attribution - 1]).not.toBe(talks);
  });
});
