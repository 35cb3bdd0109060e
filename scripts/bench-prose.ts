/**
 * npm run bench -- --only prose: how often a weekly summary's sentence opens with a reference
 * it cannot resolve ("This was reported by…", "Bu haqda…", "これは…", "He added…" after a
 * sentence from another report, or first in its story), on a synthetic corpus whose reports
 * write such sentences the way the press does, in each language. Measured twice: with the
 * prose rules (a sentence that leans back stands only right after its own predecessor; events
 * in the order they were reported) and without them (the extractive choice by score, in the
 * order the reports were ranked), so the figure says what the rules are worth.
 *
 * A sentence is "unresolved" when it opens with a back reference (`leansOnPreviousSentence`)
 * and the sentence before it in the summary is not one that precedes it in a report. The
 * Cyrillic edition is the Uzbek choice transliterated, so it is measured as uz.
 */
import { leansOnPreviousSentence } from '../src/services/sentence-links.ts';
import { splitSentences } from '../src/services/sentences.ts';
import { buildWeeklySummary, type WeekDocument } from '../src/services/weekly-summary.ts';
import { SUMMARY_LOCALES } from '../src/workflows/summaries/editions.ts';
import { generateDocuments, groupByWeek } from './synthetic.ts';

/** The back-referring sentences the synthetic generator writes (scripts/synthetic.ts). */
const WRITTEN_BACK_REFERENCE =
  /^(?:This was|He added|They also|Bu haqda|U shuningdek|Ushbu kelishuv|これは|同氏は、|これにより)/u;

interface Tally {
  sentences: number;
  leaning: number;
  unresolved: number;
  examples: string[];
}

/** Every sentence of every report text, with the sentences that come right before it. */
function indexPredecessors(docs: readonly WeekDocument[]): Map<string, Set<string | null>> {
  const before = new Map<string, Set<string | null>>();
  for (const doc of docs) {
    for (const [lang, text] of Object.entries(doc.texts)) {
      let previous: string | null = null;
      for (const paragraph of text?.paragraphs ?? []) {
        for (const sentence of splitSentences(paragraph, lang)) {
          let set = before.get(sentence);
          if (set === undefined) before.set(sentence, (set = new Set()));
          set.add(previous);
          previous = sentence;
        }
      }
    }
  }
  return before;
}

function tallyWeek(
  week: string,
  docs: readonly WeekDocument[],
  proseRules: boolean,
  tallies: Map<string, Tally>,
  before: Map<string, Set<string | null>>,
): void {
  for (const locale of SUMMARY_LOCALES) {
    if (locale.lang === 'uz-Cyrl') continue;
    const summary = buildWeeklySummary(week, docs, locale, { proseRules });
    const tally = tallies.get(locale.lang) ?? { sentences: 0, leaning: 0, unresolved: 0, examples: [] };
    tallies.set(locale.lang, tally);
    for (const story of summary.stories) {
      story.sentences.forEach((sentence, index) => {
        tally.sentences += 1;
        // A story whose lead has no text in this language is summarised in the original's.
        const textLang = story.textLang === locale.lang ? locale.contentLang : story.textLang;
        if (!leansOnPreviousSentence(sentence, textLang)) return;
        tally.leaning += 1;
        const previous = index === 0 ? null : (story.sentences[index - 1] ?? null);
        const resolved = previous !== null && (before.get(sentence)?.has(previous) ?? false);
        if (resolved) return;
        tally.unresolved += 1;
        // Show the press's own back references first (the pool's word salad also opens with "This").
        if (WRITTEN_BACK_REFERENCE.test(sentence) && tally.examples.length < 2)
          tally.examples.push(`[${textLang}] ${previous ?? '(first in its story)'} ⟶ ${sentence}`);
      });
    }
  }
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`;
}

export function runProseBench(options: { reports: number }): void {
  const docs = generateDocuments({ count: options.reports, seed: 16, startDate: '2025-01-06', endDate: '2025-06-29' });
  const before = indexPredecessors(docs);
  const weeks = groupByWeek(docs);
  const results = new Map<boolean, Map<string, Tally>>();
  for (const proseRules of [false, true]) {
    const tallies = new Map<string, Tally>();
    for (const [week, members] of weeks) tallyWeek(week, members, proseRules, tallies, before);
    results.set(proseRules, tallies);
  }
  console.log(
    `\nSummary prose: ${options.reports} synthetic reports, ${weeks.size} weeks; share of summary sentences ` +
      'that open with a reference they cannot resolve',
  );
  console.log('edition  sentences  leaning back  unresolved: without the rules → with them');
  for (const lang of ['en', 'uz', 'ja']) {
    const off = results.get(false)?.get(lang);
    const on = results.get(true)?.get(lang);
    if (!off || !on) continue;
    console.log(
      `${lang.padEnd(7)}  ${String(on.sentences).padStart(9)}  ${percent(on.leaning, on.sentences).padStart(12)}  ` +
        `${percent(off.unresolved, off.sentences)} (${off.unresolved}) → ${percent(on.unresolved, on.sentences)} (${on.unresolved})`,
    );
  }
  for (const lang of ['en', 'uz', 'ja']) {
    for (const example of results.get(false)?.get(lang)?.examples ?? [])
      console.log(`  ${lang} edition, without the rules: ${example}`);
  }
}
