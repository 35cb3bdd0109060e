/**
 * Builds a week's summary in one language from plain data: clusters the week's reports into
 * stories, ranks them, and cuts a short extractive summary of each from that language's own
 * text. Deterministic: the same documents give byte-identical JSON.
 */
import type { Translator } from '../i18n/index.ts';
import { clusterDocuments } from './clustering.ts';
import { TOPIC_IDS } from '../data/topic-ids.ts';
import { findAmounts, formatAmount } from './figures.ts';
import { getFormatters, parseCalendarDate } from './format.ts';
import { getWeekRange } from './iso-week.ts';
import { leansOnPreviousSentence } from './sentence-links.ts';
import { splitSentences } from './sentences.ts';
import { chooseLeadingTopics } from './leading-topics.ts';

export interface WeekDocumentText {
  headline: string;
  paragraphs: string[];
  /** A machine translation no editor has reviewed: a story quoting it says so. */
  machine?: boolean | undefined;
}

export interface WeekDocument {
  id: number;
  slug: string;
  sourceName: string;
  sourceUrl: string;
  publishedOn: string;
  originalLanguage: string;
  headlineIsEditorial: boolean;
  topics: string[];
  entities: { slug: string; kind: string; mentions: number }[];
  /** Text per content language (en, uz, ja). */
  texts: Record<string, WeekDocumentText>;
}

interface StorySource {
  slug: string;
  name: string;
  url: string;
  headline: string;
  publishedOn: string;
}

export interface Story {
  /**
   * The report whose headline the story carries: the headline links here. Summaries built
   * before this field existed lack it (views fall back to the source with that headline).
   */
  slug?: string;
  headline: string;
  /** Language the headline and sentences are in (differs from the summary's when untranslated). */
  textLang: string;
  sentences: string[];
  sources: StorySource[];
  topics: string[];
  publishedOn: string;
  /**
   * Its headline or a sentence comes from an unreviewed machine translation (present only
   * then, so stories of human texts keep their bytes); pages and feeds label it.
   */
  machineTranslated?: true;
}

interface KeyFigure {
  value: number;
  display: string;
  story: number;
  /** The sentence that quotes the amount, in the summary's script (absent in older summaries). */
  context?: string;
  /** Language of `context` when it is not the summary's own (an untranslated report). */
  contextLang?: string;
}

export interface WeeklySummaryContent {
  week: string;
  lang: string;
  title: string;
  intro: string;
  documentCount: number;
  sourceCount: number;
  stories: Story[];
  topicCounts: { topic: string; label: string; count: number }[];
  figures: KeyFigure[];
}

export interface SummaryLocale {
  /** Path language: en, uz, ja (or uz-Cyrl). */
  lang: string;
  /** Content language whose text is used (uz for uz-Cyrl). */
  contentLang: string;
  /** BCP 47 tag for Intl. */
  tag: string;
  t: Translator;
  /** Turns stored text into this edition's script (identity except for uz-Cyrl). */
  script?: (text: string) => string;
}

const MAX_SENTENCES = 4;
const MIN_SENTENCES = 2;
/** Sentences of each report considered for a story's summary, from the top. */
const CANDIDATE_SENTENCES = 12;

function textFor(doc: WeekDocument, lang: string): { text: WeekDocumentText; lang: string } {
  const own = doc.texts[lang];
  if (own) return { text: own, lang };
  const original = doc.texts[doc.originalLanguage] ?? Object.values(doc.texts)[0];
  if (!original) throw new Error(`document ${doc.slug} has no text`);
  return { text: original, lang: doc.originalLanguage };
}

function salience(docs: WeekDocument[]): number {
  const entities = new Map<string, number>();
  for (const doc of docs) {
    for (const entity of doc.entities) {
      if (entity.kind === 'place') continue;
      entities.set(entity.slug, (entities.get(entity.slug) ?? 0) + entity.mentions);
    }
  }
  let total = 0;
  for (const mentions of entities.values()) total += Math.min(mentions, 5);
  return total;
}

/** Character trigrams, to drop a sentence that repeats one already chosen from another source. */
function trigrams(text: string): Set<string> {
  const folded = text.toLowerCase().replace(/\s+/g, ' ');
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= folded.length; i += 1) grams.add(folded.slice(i, i + 3));
  return grams;
}

function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared += 1;
  return shared / Math.max(1, Math.min(a.size, b.size));
}

function pickSentences(
  docs: WeekDocument[],
  lang: string,
  lead: WeekDocument,
  proseRules: boolean,
): { sentences: string[]; lang: string; machine: boolean } {
  const leadText = textFor(lead, lang);
  const textLang = leadText.lang;
  interface Candidate {
    sentence: string;
    score: number;
    docOrder: number;
    position: number;
    /** Opens with a reference to the sentence before it ("Bu haqda…", "This was…"). */
    leansBack: boolean;
    publishedOn: string;
    machine: boolean;
  }
  const candidates: Candidate[] = [];
  const ordered = [lead, ...docs.filter((doc) => doc !== lead)];
  ordered.forEach((doc, docOrder) => {
    const { text, lang: docLang } = textFor(doc, lang);
    if (docLang !== textLang) return; // never mix languages inside one summary
    // News is written lead first, and the score below falls with position, so only a report's
    // opening can win; splitting the rest of a long report cost most of a busy week's build.
    const sentences: string[] = [];
    for (const paragraph of text.paragraphs) {
      if (sentences.length >= CANDIDATE_SENTENCES) break;
      sentences.push(...splitSentences(paragraph, docLang));
    }
    sentences.slice(0, CANDIDATE_SENTENCES).forEach((sentence, position) => {
      // UTF-16 length: these scripts are all in the BMP, and it costs nothing to read.
      const length = sentence.length;
      const [min, max] = docLang === 'ja' ? [12, 220] : [30, 420];
      if (length < min || length > max) return;
      const lead = 1 / (1 + position);
      const figure = /\d/.test(sentence) ? 0.25 : 0;
      const fromLead = docOrder === 0 ? 0.15 : 0;
      const leansBack = leansOnPreviousSentence(sentence, docLang);
      candidates.push({
        sentence,
        score: lead + figure + fromLead,
        docOrder,
        position,
        leansBack,
        publishedOn: doc.publishedOn,
        machine: text.machine === true,
      });
    });
  });
  candidates.sort((a, b) => b.score - a.score || a.docOrder - b.docOrder || a.position - b.position);
  const wanted = Math.min(MAX_SENTENCES, Math.max(MIN_SENTENCES, docs.length + 1));
  const chosen: (Candidate & { grams: Set<string> })[] = [];
  for (const candidate of candidates) {
    if (chosen.length >= wanted) break;
    // A sentence that points back ("This was reported by…") stands only after its own
    // predecessor; the predecessor scores higher (earlier), so it is met first when it wins.
    const follows = (other: Candidate) =>
      other.docOrder === candidate.docOrder && other.position === candidate.position - 1;
    if (proseRules && candidate.leansBack && !chosen.some(follows)) continue;
    const grams = trigrams(candidate.sentence);
    if (chosen.some((other) => overlap(other.grams, grams) > 0.6)) continue;
    chosen.push({ ...candidate, grams });
  }
  // Events in the order they were reported (publication date), lead report first on a tie,
  // each report's sentences in its own order, so an attribution stays after what it attributes.
  chosen.sort(
    (a, b) =>
      (proseRules ? a.publishedOn.localeCompare(b.publishedOn) : 0) ||
      a.docOrder - b.docOrder ||
      a.position - b.position,
  );
  return {
    sentences: chosen.map((candidate) => candidate.sentence),
    lang: textLang,
    machine: chosen.some((candidate) => candidate.machine),
  };
}

/**
 * The sentence that quotes `value` in `doc`, in `lang` where the report has that text.
 * Translations are paragraph-aligned with the original, so the paragraph is found in whichever
 * language the amount parses in ($12 billion), and the sentence with a digit is taken from the
 * same paragraph of the wanted language (120億ドル does not parse, but sits in that paragraph).
 */
function findFigureContext(doc: WeekDocument, value: number, lang: string): { sentence: string; lang: string } | null {
  let paragraph = -1;
  for (const text of Object.values(doc.texts)) {
    paragraph = text.paragraphs.findIndex((candidate) =>
      findAmounts(candidate).some((amount) => amount.value === value),
    );
    if (paragraph !== -1) break;
  }
  if (paragraph === -1) return null;
  const target = textFor(doc, lang);
  const sentences = splitSentences(target.text.paragraphs[paragraph] ?? '', target.lang);
  const sentence = sentences.find((candidate) => /\p{Nd}/u.test(candidate)) ?? sentences[0];
  return sentence ? { sentence, lang: target.lang } : null;
}

/** The report that speaks for a story: a headline from its source beats an editorial one. */
function chooseLead(docs: WeekDocument[]): WeekDocument {
  return [...docs].sort(
    (a, b) =>
      Number(a.headlineIsEditorial) - Number(b.headlineIsEditorial) ||
      salience([b]) - salience([a]) ||
      a.publishedOn.localeCompare(b.publishedOn) ||
      a.id - b.id,
  )[0]!;
}

export interface SummaryOptions {
  /**
   * The prose rules (a sentence that leans back only after its own predecessor; events in the
   * order reported). On in everything the site builds; off only for `npm run bench -- --only
   * prose`, which measures what they are worth.
   */
  proseRules?: boolean;
}

export function buildWeeklySummary(
  week: string,
  documents: readonly WeekDocument[],
  locale: SummaryLocale,
  options: SummaryOptions = {},
): WeeklySummaryContent {
  const { t, tag, contentLang } = locale;
  const script = locale.script ?? ((text: string) => text);
  const docs = [...documents].sort((a, b) => a.id - b.id);
  const byId = new Map(docs.map((doc) => [doc.id, doc]));
  const amountsOf = new Map(
    docs.map((doc) => [
      doc.id,
      [
        ...new Set(
          findAmounts(
            Object.values(doc.texts)
              .map((text) => [text.headline, ...text.paragraphs].join('\n'))
              .join('\n'),
          ).map((amount) => amount.value),
        ),
      ].sort((a, b) => a - b),
    ]),
  );
  const clusters = clusterDocuments(
    docs.map((doc) => ({ id: doc.id, entities: doc.entities, amounts: amountsOf.get(doc.id) ?? [] })),
  );

  const ranked = clusters
    .map((ids) => ids.map((id) => byId.get(id)!))
    .map((members) => ({
      members,
      sources: new Set(members.map((doc) => doc.sourceName)).size,
      salience: salience(members),
      latest: members.reduce((latest, doc) => (doc.publishedOn > latest ? doc.publishedOn : latest), ''),
    }))
    .sort(
      (a, b) =>
        b.sources - a.sources ||
        b.salience - a.salience ||
        b.latest.localeCompare(a.latest) ||
        a.members[0]!.id - b.members[0]!.id,
    );

  const stories: Story[] = ranked.map(({ members, latest }) => {
    const lead = chooseLead(members);
    const headline = textFor(lead, contentLang);
    const picked = pickSentences(members, contentLang, lead, options.proseRules ?? true);
    const topics = TOPIC_IDS.filter((topic) => members.some((doc) => doc.topics.includes(topic)));
    return {
      slug: lead.slug,
      headline: script(headline.text.headline),
      textLang: headline.lang === contentLang ? locale.lang : headline.lang,
      sentences: picked.sentences.map(script),
      sources: [...members]
        .sort((a, b) => a.publishedOn.localeCompare(b.publishedOn) || a.id - b.id)
        .map((doc) => ({
          slug: doc.slug,
          name: doc.sourceName,
          url: doc.sourceUrl,
          headline: script(textFor(doc, contentLang).text.headline),
          publishedOn: doc.publishedOn,
        })),
      topics: [...topics],
      publishedOn: latest,
      ...(headline.text.machine === true || picked.machine ? { machineTranslated: true as const } : {}),
    };
  });

  const topicCounts = TOPIC_IDS.map((topic) => ({
    topic,
    label: t(`topics.${topic}`),
    count: stories.filter((story) => story.topics.includes(topic)).length,
  }))
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count || TOPIC_IDS.indexOf(a.topic) - TOPIC_IDS.indexOf(b.topic));

  const figures: KeyFigure[] = [];
  const seenFigures = new Set<number>();
  ranked.forEach(({ members }, story) => {
    for (const doc of members) {
      for (const value of amountsOf.get(doc.id) ?? []) {
        if (seenFigures.has(value)) continue;
        seenFigures.add(value);
        const context = findFigureContext(doc, value, contentLang);
        const figure: KeyFigure = { value, display: formatAmount(locale.lang, value), story };
        if (context) {
          figure.context = context.lang === contentLang ? script(context.sentence) : context.sentence;
          if (context.lang !== contentLang) figure.contextLang = context.lang;
        }
        figures.push(figure);
      }
    }
  });

  const formatters = getFormatters(tag);
  const range = getWeekRange(week);
  const [year, number] = week.split('-W');
  const title = t('weekly.title', {
    week: Number(number),
    year,
    range: range ? formatters.weekDates.format(parseCalendarDate(range.start), parseCalendarDate(range.end)) : week,
  });
  const sourceCount = new Set(docs.map((doc) => doc.sourceName)).size;
  const leading = chooseLeadingTopics(topicCounts, stories);
  const named = leading.length > 0 ? leading : topicCounts.slice(0, 3);
  const intro = t(leading.length > 0 ? 'weekly.intro' : named.length > 0 ? 'weekly.introMixed' : 'weekly.introPlain', {
    stories: t('weekly.storyCount', { count: stories.length }),
    sources: t('weekly.sourceCount', { count: sourceCount }),
    topics: formatters.list.format(named.map((entry) => entry.label.toLocaleLowerCase(tag))),
  });

  return {
    week,
    lang: locale.lang,
    title,
    intro,
    documentCount: docs.length,
    sourceCount,
    stories,
    topicCounts,
    figures,
  };
}
