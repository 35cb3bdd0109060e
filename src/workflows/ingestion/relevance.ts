/**
 * The one relevance rule of ingestion: an item is kept when it names both Uzbekistan and Japan
 * (the countries, their peoples, capitals and main cities, leaders and bilateral institutions)
 * in its headline or text, in English, Uzbek (Latin or Cyrillic), Russian or Japanese. A
 * source marked `alwaysRelevant` (an embassy, a bilateral body) skips the rule. Pure.
 *
 * Terms are matched as word prefixes on folded text (lower case, NFKC, apostrophes removed),
 * so "Uzbekistan's", "O'zbekistonning", "Узбекистане" and "Japanese" all match; Japanese has
 * no word boundaries, so its terms match anywhere.
 */

const UZBEKISTAN_TERMS = [
  // English, Uzbek Latin (apostrophes folded away), Russian and Uzbek Cyrillic.
  'uzbek',
  'ozbek',
  'tashkent',
  'toshkent',
  'samarkand',
  'samarqand',
  'bukhara',
  'buxoro',
  'khiva',
  'xiva',
  'fergana',
  'fargona',
  'mirziyoyev',
  'mirziyoev',
  'узбек',
  'ўзбек',
  'озбек',
  'ташкент',
  'тошкент',
  'самарканд',
  'самарқанд',
  'бухар',
  'бухоро',
  'мирзиёев',
];
const UZBEKISTAN_JA = [
  'ウズベキスタン',
  'ウズベク',
  'タシケント',
  'サマルカンド',
  'ブハラ',
  'ヒヴァ',
  'ミルジヨーエフ',
];

const JAPAN_TERMS = [
  'japan',
  'yaponiya',
  'yapon',
  'tokyo',
  'tokio',
  'osaka',
  'kyoto',
  'hiroshima',
  'nagoya',
  'jica',
  'jetro',
  'takaichi',
  'ishiba',
  'kishida',
  'япони',
  'японск',
  'япон',
  'токио',
  'осака',
  'киото',
  'хиросим',
  'такаити',
  'такаичи',
  'исиба',
  'кисида',
];
// 日本 alone (not 日 or 本, which are everyday characters); 訪日 and 来日 are visits to Japan.
const JAPAN_JA = ['日本', '東京', '大阪', '京都', '広島', '訪日', '来日', '国際協力機構', '高市', '石破', '岸田'];

function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['`ʻʼ‘’ʽ]/g, '');
}

function buildPattern(terms: readonly string[]): RegExp {
  // A term starts a word: not preceded by a letter (Latin or Cyrillic).
  return new RegExp(`(?<![\\p{L}])(?:${terms.join('|')})`, 'u');
}

const UZBEKISTAN = buildPattern(UZBEKISTAN_TERMS);
const JAPAN = buildPattern(JAPAN_TERMS);

function mentions(text: string, pattern: RegExp, japanese: readonly string[]): boolean {
  return pattern.test(text) || japanese.some((term) => text.includes(term));
}

export interface RelevanceInput {
  headline: string;
  paragraphs: readonly string[];
  alwaysRelevant?: boolean;
}

export function isAboutUzbekistanAndJapan(input: RelevanceInput): boolean {
  if (input.alwaysRelevant) return true;
  const text = fold([input.headline, ...input.paragraphs].join('\n'));
  return mentions(text, UZBEKISTAN, UZBEKISTAN_JA) && mentions(text, JAPAN, JAPAN_JA);
}
