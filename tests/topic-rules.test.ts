/**
 * The topic rule (services/topic-rules.ts) on real-world phrasing in English, Uzbek (Latin,
 * any apostrophes) and Japanese, and measured against the editors' topics of the corpus.
 */
import { describe, expect, it } from 'vitest';
import { assembleCorpus } from '../src/services/corpus.ts';
import { chooseTopics, MAX_TOPICS } from '../src/services/topic-rules.ts';
import { buildCorpusInput } from './helpers/corpus.ts';

describe('chooseTopics', () => {
  it('finds what English reports are about, headline weighing double', () => {
    expect(
      chooseTopics('Japan to finance a 1.6 GW solar power plant in Bukhara', [
        'JBIC signed a loan agreement for the plant, which will supply electricity to 300,000 homes.',
      ]),
    ).toEqual(['energy', 'investment-finance']);
    expect(
      chooseTopics('Uzbekistan and Japan step up border security and counter-terrorism cooperation', [
        'The sides discussed drug trafficking and cybercrime.',
      ]),
    ).toEqual(['security']);
  });

  it('reads Uzbek Latin whatever apostrophes it was typed with', () => {
    const curly = chooseTopics('Yaponiya Oʻzbekistonda taʼlim va sogʻliqni saqlashga koʻmaklashadi', [
      'Toshkentda yangi universitet ochiladi, talabalar Yaponiyada tahsil oladi.',
      'Sogʻliqni saqlash sohasida shifoxonalar jihozlanadi.',
    ]);
    const straight = chooseTopics("Yaponiya O'zbekistonda ta'lim va sog'liqni saqlashga ko'maklashadi", [
      'Toshkentda yangi universitet ochiladi, talabalar Yaponiyada tahsil oladi.',
      "Sog'liqni saqlash sohasida shifoxonalar jihozlanadi.",
    ]);
    expect(curly).toEqual(['education', 'healthcare']);
    expect(straight).toEqual(curly);
  });

  it('reads Japanese without word boundaries', () => {
    expect(
      chooseTopics('日ウズベキスタン首脳会談、鉱物資源と観光で協力', [
        '両首脳はレアアースなど重要鉱物の供給網と、サマルカンドへの観光客の誘致について話し合った。',
      ]),
    ).toEqual(['critical-minerals-mining', 'tourism-culture', 'diplomacy']);
  });

  it('matches cues at the start of words only, and gives nothing for a text about nothing listed', () => {
    // "export" is a cue; "reexport" is not a word it starts, "oil" does not start "toil".
    expect(chooseTopics('A note', ['They toil in the spoiled soil of Fergana.'])).toEqual([]);
  });

  it('agrees with most of the editors’ topics on the corpus', async () => {
    const corpus = await assembleCorpus(buildCorpusInput());
    let agreed = 0;
    let chosen = 0;
    let edited = 0;
    for (const doc of corpus) {
      const text = doc.texts.en!;
      const topics = chooseTopics(
        text.headline,
        text.blocks.map((block) => block.text),
      );
      expect(topics.length).toBeLessThanOrEqual(MAX_TOPICS);
      agreed += topics.filter((topic) => doc.topics.includes(topic)).length;
      chosen += topics.length;
      edited += doc.topics.length;
    }
    // Measured: 22 of 28 chosen are the editors' (0.79), 22 of 27 editors' found (0.81).
    expect(agreed / chosen).toBeGreaterThanOrEqual(0.75);
    expect(agreed / edited).toBeGreaterThanOrEqual(0.75);
  });
});
