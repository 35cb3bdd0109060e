/**
 * The one rule that gives a report topics from its text, for documents no editor has tagged
 * yet (ingestion). Seeded and submitted documents carry the topics an editor chose
 * (content/documents.json, the desk), and an editor's choice always replaces these.
 *
 * Each topic has cue stems in English, Uzbek Latin (apostrophes folded away) and Japanese. A
 * Latin cue matches at the start of a word ("invest" finds "investments"), a Japanese one
 * anywhere. A topic's score is its cues' hits in the body plus twice those in the headline;
 * topics scoring at least `MIN_SCORE` are kept, strongest first (ties in vocabulary order),
 * at most `MAX_TOPICS`, as many as the editors give a report. Pure; cost: one regex pass per
 * topic over the text (12 passes, well under a millisecond for an article).
 */
import { TOPIC_IDS, type TopicId } from '../data/topic-ids.ts';

const MIN_SCORE = 2;
export const MAX_TOPICS = 6;

const CUES: Record<TopicId, { latin: string[]; japanese: string[] }> = {
  energy: {
    latin: [
      'energ',
      'electric',
      'power plant',
      'renewable',
      'solar',
      'petrochemical',
      'carbon',
      'oil',
      'neft',
      'elektr',
      'gaz',
    ],
    japanese: ['エネルギー', '電力', '発電', '原油', '天然ガス', '脱炭素'],
  },
  'investment-finance': {
    latin: ['invest', 'financ', 'lending', 'loan', 'portfolio', 'bank', 'sarmoya', 'moliya', 'kredit', 'portfel'],
    japanese: ['投資', '融資', '金融', '資金', '銀行', '円借款'],
  },
  trade: {
    latin: ['trade', 'trading', 'export', 'import', 'customs', 'turnover', 'savdo', 'eksport', 'tovar ayirboshlash'],
    japanese: ['貿易', '輸出', '輸入', '通商'],
  },
  education: {
    latin: [
      'educat',
      'universit',
      'student',
      'training',
      'school',
      'rector',
      'academic',
      'talim',
      'talaba',
      'maktab',
      'kadrlar',
    ],
    japanese: ['教育', '大学', '留学', '学生', '人材育成'],
  },
  healthcare: {
    latin: [
      'health',
      'medic',
      'hospital',
      'pharma',
      'pandemic',
      'covid',
      'disease',
      'sogliq',
      'tibbi',
      'shifoxona',
      'farmatsevt',
    ],
    japanese: ['医療', '保健', '病院', '医薬', '感染症'],
  },
  agriculture: {
    latin: ['agricultur', 'farming', 'farmer', 'crop', 'phytosanitary', 'qishloq xojalig', 'dehqon', 'fermer'],
    japanese: ['農業', '農産物', '農家'],
  },
  'tourism-culture': {
    latin: [
      'touris',
      'cultur',
      'festival',
      'exhibition',
      'film',
      'heritage',
      'turizm',
      'sayyoh',
      'madaniy',
      'madaniyat',
    ],
    japanese: ['観光', '文化', '芸術', '映画'],
  },
  'infrastructure-transport': {
    latin: [
      'infrastructur',
      'transport',
      'railway',
      'highway',
      'logistic',
      'airport',
      'corridor',
      'infratuzilma',
      'temir yol',
      'logistika',
      'aeroport',
    ],
    japanese: ['インフラ', '交通', '鉄道', '道路', '物流', '空港'],
  },
  technology: {
    latin: ['technolog', 'information technology', 'digital', 'innovat', 'texnologiya', 'raqamli', 'innovatsiya'],
    japanese: ['技術', 'テクノロジー', 'デジタル'],
  },
  'critical-minerals-mining': {
    latin: ['mining', 'mineral', 'metals', 'geolog', 'rare earth', 'uranium', 'konchilik', 'metall', 'geologiya'],
    japanese: ['鉱物', '鉱業', '鉱山', 'レアメタル', 'レアアース'],
  },
  security: {
    latin: [
      'security',
      'terroris',
      'drug',
      'border',
      'crime',
      'cyber',
      'xavfsizlik',
      'terror',
      'giyohvand',
      'chegara',
      'jinoyat',
    ],
    japanese: ['安全保障', 'テロ', '麻薬', '国境', '治安'],
  },
  diplomacy: {
    latin: [
      'diplomat',
      'foreign minist',
      'ministry of foreign',
      'summit',
      'talks',
      'negotiation',
      'visit',
      'dialogue',
      'tashqi ishlar',
      'muzokara',
      'tashrif',
      'sammit',
      'muloqot',
    ],
    japanese: ['外交', '外相', '外務', '首脳会談', '会談', '訪問', '対話'],
  },
};

const escape = (cue: string) => cue.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One pattern per topic: Latin cues at a word's start, Japanese cues anywhere. */
const PATTERNS = TOPIC_IDS.map((topic) => {
  const { latin, japanese } = CUES[topic];
  const latinPart = `(?<!\\p{L})(?:${latin.map(escape).join('|')})`;
  return { topic, pattern: new RegExp(`${latinPart}|${japanese.map(escape).join('|')}`, 'giu') };
});

/** Lower case, apostrophes of every kind removed (Uzbek taʼlim, sogʻliq are cued without them). */
function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['‘’`ʻʼ]/g, '');
}

function countHits(pattern: RegExp, text: string): number {
  return text.match(pattern)?.length ?? 0;
}

/** The topics a report's text is about, strongest first (see the header for the rule). */
export function chooseTopics(headline: string, paragraphs: readonly string[]): TopicId[] {
  const title = fold(headline);
  const body = fold(paragraphs.join('\n'));
  return PATTERNS.map(({ topic, pattern }, order) => ({
    topic,
    order,
    score: countHits(pattern, body) + 2 * countHits(pattern, title),
  }))
    .filter((entry) => entry.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, MAX_TOPICS)
    .map((entry) => entry.topic);
}
