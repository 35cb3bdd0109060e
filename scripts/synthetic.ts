/**
 * Deterministic synthetic corpus for benchmarks: reports shaped as `WeekDocument`, with text in
 * English, Uzbek (Latin, with oʻ/gʻ) and Japanese, entities from a pool of a few thousand, dollar
 * amounts, and real clusters (several sources reporting one event with shared people,
 * organisations and amounts). The same options always give the same documents.
 *
 * Texts look like news text to the code that reads them (sentence splitter, amount finder,
 * trigram de-duplication), not to a human: words are drawn from small vocabularies.
 */
import { TOPIC_IDS } from '../src/data/topic-ids.ts';
import { getIsoWeek, getWeekRange } from '../src/services/iso-week.ts';
import type { WeekDocument, WeekDocumentText } from '../src/services/weekly-summary.ts';

// ---------------------------------------------------------------------------------------------
// Random numbers

export type Random = () => number;

/** mulberry32: a small, fast 32-bit PRNG; plenty for test data. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function int(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Index in [0, n) skewed towards 0 (a few popular items, a long tail). */
function skewed(random: Random, n: number, power = 2.2): number {
  return Math.min(n - 1, Math.floor(n * random() ** power));
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

// ---------------------------------------------------------------------------------------------
// Vocabularies

const OKINA = '\u02bb'; // ʻ as in oʻ and gʻ

const EN_FUNCTION = [
  'the',
  'the',
  'the',
  'of',
  'of',
  'and',
  'and',
  'to',
  'to',
  'in',
  'in',
  'a',
  'for',
  'on',
  'with',
  'that',
  'by',
  'as',
  'at',
  'from',
  'its',
  'will',
  'has',
  'was',
  'were',
  'this',
  'more',
  'than',
  'also',
  'which',
  'between',
  'under',
  'over',
];

const EN_CONTENT = (
  'government ministry minister president prime cooperation investment project projects agreement agreements ' +
  'signed sign talks visit delegation partnership strategic bilateral economic trade exports imports energy ' +
  'power plant solar wind gas pipeline uranium copper gold mining minerals rare earth processing factory ' +
  'plants company companies bank loan financing fund credit billion million percent year years month ' +
  'quarter growth output capacity construction railway road airport logistics corridor transport digital ' +
  'technology platform university students education training hospital healthcare medical agriculture ' +
  'farmers cotton water irrigation tourism tourists culture heritage festival security border regional ' +
  'international development programme initiative reform market markets private sector joint venture ' +
  'officials said announced reported noted stressed agreed discussed expected planned launched opened ' +
  'completed expanded increased reached approved presented prepared according statement press service ' +
  'new major key further important largest first second national local central region countries nations ' +
  'partners sides parties leaders business forum meeting session summit roadmap portfolio memorandum ' +
  'understanding implementation modernisation infrastructure electricity grid supply demand prices costs ' +
  'budget revenue contracts tender consortium operator engineers workers jobs plans measures priorities'
).split(' ');

const UZ_ROOTS = [
  'hamkorlik',
  'loyiha',
  'investitsiya',
  'hukumat',
  'vazirlik',
  'prezident',
  'energetika',
  `ta${OKINA}lim`,
  `sog${OKINA}liqni saqlash`,
  `qishloq xo${OKINA}jaligi`,
  'savdo',
  'transport',
  'infratuzilma',
  'sanoat',
  'korxona',
  'bank',
  'kredit',
  `mablag${OKINA}`,
  'dastur',
  'rivojlantirish',
  'tashrif',
  'muzokara',
  'kelishuv',
  'shartnoma',
  'davlat',
  'mamlakat',
  'xalqaro',
  'iqtisodiy',
  'ishlab chiqarish',
  'quvvat',
  'elektr',
  'stansiya',
  'quyosh',
  'shamol',
  'gaz',
  'neft',
  'kon',
  'oltin',
  'mis',
  'texnologiya',
  'raqamli',
  'universitet',
  'talaba',
  'shifoxona',
  'tibbiyot',
  'turizm',
  'madaniyat',
  `yo${OKINA}l`,
  'temir',
  'aeroport',
  `qurilish`,
  'hudud',
  'viloyat',
  'eksport',
  'import',
  'bozor',
  'narx',
  'tarmoq',
  `yo${OKINA}nalish`,
  `o${OKINA}sish`,
  `ko${OKINA}mak`,
  'sheriklik',
  'delegatsiya',
  'forum',
  'uchrashuv',
  'mutaxassis',
  'kompaniya',
  'portfel',
  'islohot',
];

const UZ_SUFFIXES = ['', '', '', 'lar', 'ning', 'ni', 'ga', 'da', 'dan', 'larni', 'larning', 'dagi', 'lari', 'si'];

const UZ_WORDS = [
  'va',
  'va',
  'hamda',
  'bilan',
  'uchun',
  `bo${OKINA}yicha`,
  `o${OKINA}rtasida`,
  'ushbu',
  'mazkur',
  'yangi',
  'muhim',
  'yirik',
  'asosiy',
  `qo${OKINA}shma`,
  `o${OKINA}zaro`,
  'keng',
  `so${OKINA}nggi`,
  `ko${OKINA}ra`,
  'yil',
  'davomida',
  'yanada',
  'ham',
  'barcha',
  'alohida',
  'amalga',
  'oshirish',
  'muhokama',
];

const UZ_VERBS = [
  'qilindi',
  'etildi',
  'berdi',
  `bo${OKINA}ldi`,
  `o${OKINA}tkazildi`,
  'tasdiqlandi',
  'imzolandi',
  'kengaytirildi',
  'rejalashtirilgan',
  `ta${OKINA}kidladi`,
  `ma${OKINA}lum qildi`,
  'xabar berdi',
  `mo${OKINA}ljallangan`,
  'oshirilmoqda',
  `ko${OKINA}rib chiqildi`,
];

const JA_NOUNS = (
  '協力 投資 政府 経済 計画 事業 開発 分野 両国 会談 大統領 首相 企業 銀行 融資 建設 電力 発電所 鉱物 資源 ' +
  '教育 医療 農業 観光 文化 交通 鉄道 空港 技術 情報 合意 協定 貿易 輸出 輸入 市場 地域 国際 支援 関係 ' +
  '戦略 協議 合弁 工場 生産 設備 供給 需要 人材 育成 大学 病院 中央アジア 代表団 当局 省庁 予算 改革 ' +
  '物流 回廊 送電網 再生可能 太陽光 風力 天然ガス 原子力 銅 金 ウラン レアアース 加工 輸送 水資源 灌漑'
).split(' ');

const JA_KATAKANA = [
  'プロジェクト',
  'パートナーシップ',
  'インフラ',
  'エネルギー',
  'ポートフォリオ',
  'デジタル',
  'ロードマップ',
  'フォーラム',
  'サミット',
  'プログラム',
  'イニシアチブ',
  'サプライチェーン',
];

const JA_PARTICLES = [
  'の',
  'の',
  'の',
  'は',
  'が',
  'を',
  'に',
  'で',
  'と',
  'も',
  'から',
  'について',
  'として',
  'により',
];

const JA_ENDINGS = [
  'した。',
  'している。',
  'する方針だ。',
  'を明らかにした。',
  'と述べた。',
  'が行われた。',
  'を発表した。',
  'が強調された。',
  'となる見通しだ。',
  'に合意した。',
  'を目指す。',
  'が報じた。',
];

const JA_QUOTE_ENDINGS = ['と述べた。', 'と語った。', 'と強調した。', 'と指摘した。'];

// ---------------------------------------------------------------------------------------------
// Entities

export interface SyntheticEntity {
  slug: string;
  kind: 'person' | 'organization' | 'place';
  en: string;
  uz: string;
  ja: string;
}

/** Syllables with their katakana, to make names readable in all three languages. */
const SYLLABLES: [string, string][] = [
  ['ka', 'カ'],
  ['ri', 'リ'],
  ['mo', 'モ'],
  ['to', 'ト'],
  ['sa', 'サ'],
  ['na', 'ナ'],
  ['shi', 'シ'],
  ['ro', 'ロ'],
  ['yu', 'ユ'],
  ['ki', 'キ'],
  ['ta', 'タ'],
  ['ni', 'ニ'],
  ['ha', 'ハ'],
  ['mi', 'ミ'],
  ['ku', 'ク'],
  ['ra', 'ラ'],
  ['zo', 'ゾ'],
  ['da', 'ダ'],
  ['be', 'ベ'],
  ['ko', 'コ'],
  ['fu', 'フ'],
  ['ji', 'ジ'],
  ['ne', 'ネ'],
  ['me', 'メ'],
  ['su', 'ス'],
  ['ya', 'ヤ'],
  ['no', 'ノ'],
  ['te', 'テ'],
  ['se', 'セ'],
  ['ga', 'ガ'],
  ['bo', 'ボ'],
  ['do', 'ド'],
  ['re', 'レ'],
  ['ma', 'マ'],
  ['a', 'ア'],
  ['i', 'イ'],
  ['u', 'ウ'],
  ['o', 'オ'],
  ['za', 'ザ'],
  ['xa', 'ハ'],
  ['sho', 'ショ'],
  ['ju', 'ジュ'],
];

const SURNAME_SUFFIXES: [string, string][] = [
  ['', ''],
  ['', ''],
  ['ov', 'フ'],
  ['ova', 'ワ'],
  ['yev', 'エフ'],
  ['moto', 'モト'],
  ['hara', 'ハラ'],
];

const SECTORS: [string, string, string][] = [
  ['Energy', 'energetika', 'エネルギー'],
  ['Mining', 'kon', '鉱業'],
  ['Metallurgical', 'metallurgiya', '冶金'],
  ['Development', 'taraqqiyot', '開発'],
  ['Railways', `temir yo${OKINA}llari`, '鉄道'],
  ['Trading', 'savdo', '商事'],
  ['Electric', 'elektr', '電力'],
  ['Investment', 'investitsiya', '投資'],
  ['Chemical', 'kimyo', '化学'],
  ['Textile', `to${OKINA}qimachilik`, '繊維'],
  ['Agro', 'agro', 'アグロ'],
  ['Digital', 'raqamli', 'デジタル'],
  ['Medical', 'tibbiyot', '医療'],
  ['Logistics', 'logistika', '物流'],
];

const ORG_TYPES: [string, string, string][] = [
  ['Company', 'kompaniyasi', '社'],
  ['Holding', 'xoldingi', 'ホールディングス'],
  ['Bank', 'banki', '銀行'],
  ['Agency', 'agentligi', '機構'],
  ['Corporation', 'korporatsiyasi', 'コーポレーション'],
  ['University', 'universiteti', '大学'],
  ['Ministry', 'vazirligi', '省'],
  ['Fund', 'jamgʻarmasi', '基金'],
];

/** The places nearly every report names, with the share of reports naming each. */
const COMMON_PLACES: [SyntheticEntity, number][] = [
  [{ slug: 'uzbekistan', kind: 'place', en: 'Uzbekistan', uz: `O${OKINA}zbekiston`, ja: 'ウズベキスタン' }, 0.9],
  [{ slug: 'japan', kind: 'place', en: 'Japan', uz: 'Yaponiya', ja: '日本' }, 0.8],
  [{ slug: 'tashkent', kind: 'place', en: 'Tashkent', uz: 'Toshkent', ja: 'タシケント' }, 0.35],
  [{ slug: 'tokyo', kind: 'place', en: 'Tokyo', uz: 'Tokio', ja: '東京' }, 0.3],
];

const NAMED_PLACES: SyntheticEntity[] = [
  ['samarkand', 'Samarkand', 'Samarqand', 'サマルカンド'],
  ['bukhara', 'Bukhara', 'Buxoro', 'ブハラ'],
  ['navoi', 'Navoi', 'Navoiy', 'ナボイ'],
  ['fergana', 'Fergana', `Farg${OKINA}ona`, 'フェルガナ'],
  ['osaka', 'Osaka', 'Osaka', '大阪'],
  ['kazakhstan', 'Kazakhstan', `Qozog${OKINA}iston`, 'カザフスタン'],
  ['kyrgyzstan', 'Kyrgyzstan', `Qirg${OKINA}iziston`, 'キルギス'],
  ['china', 'China', 'Xitoy', '中国'],
].map(([slug, en, uz, ja]) => ({ slug: slug!, kind: 'place' as const, en: en!, uz: uz!, ja: ja! }));

export interface EntityPool {
  persons: SyntheticEntity[];
  organizations: SyntheticEntity[];
  places: SyntheticEntity[];
}

function makeName(random: Random, syllables: number): [string, string] {
  let latin = '';
  let kana = '';
  for (let i = 0; i < syllables; i += 1) {
    const [l, k] = pick(random, SYLLABLES);
    latin += l;
    kana += k;
  }
  return [capitalize(latin), kana];
}

/** A pool of persons, organisations and places; the same for every seed, as a real entity list would be. */
export function createEntityPool(size = 3000): EntityPool {
  const random = mulberry32(0x5eed);
  const used = new Set<string>([...COMMON_PLACES.map(([place]) => place.slug), ...NAMED_PLACES.map((p) => p.slug)]);
  const unique = (slug: string): string => {
    let candidate = slug;
    for (let n = 2; used.has(candidate); n += 1) candidate = `${slug}-${n}`;
    used.add(candidate);
    return candidate;
  };
  const persons: SyntheticEntity[] = [];
  const organizations: SyntheticEntity[] = [];
  const places: SyntheticEntity[] = [...NAMED_PLACES];
  const personCount = Math.round(size * 0.42);
  const organizationCount = Math.round(size * 0.36);
  while (persons.length < personCount) {
    const [first, firstKana] = makeName(random, int(random, 2, 3));
    const [last, lastKana] = makeName(random, int(random, 2, 3));
    const [suffix, suffixKana] = pick(random, SURNAME_SUFFIXES);
    const en = `${first} ${last}${suffix}`;
    persons.push({
      slug: unique(slugify(en)),
      kind: 'person',
      en,
      uz: en,
      ja: `${firstKana}・${lastKana}${suffixKana}`,
    });
  }
  while (organizations.length < organizationCount) {
    const [name, kana] = makeName(random, int(random, 2, 4));
    const [sectorEn, sectorUz, sectorJa] = pick(random, SECTORS);
    const [typeEn, typeUz, typeJa] = pick(random, ORG_TYPES);
    const en = `${name} ${sectorEn} ${typeEn}`;
    organizations.push({
      slug: unique(slugify(en)),
      kind: 'organization',
      en,
      uz: `“${name}” ${sectorUz} ${typeUz}`,
      ja: `${kana}${sectorJa}${typeJa}`,
    });
  }
  while (persons.length + organizations.length + places.length < size) {
    const [name, kana] = makeName(random, int(random, 2, 4));
    const [suffix, suffixKana] = pick(random, [
      ['', ''],
      ['abad', 'アバド'],
      ['kent', 'ケント'],
      ['shima', 'シマ'],
      ['yama', 'ヤマ'],
    ] as [string, string][]);
    const en = `${name}${suffix}`;
    places.push({ slug: unique(slugify(en)), kind: 'place', en, uz: en, ja: `${kana}${suffixKana}` });
  }
  return { persons, organizations, places };
}

// ---------------------------------------------------------------------------------------------
// Amounts

/** A round-ish dollar amount: $350 million, $1.2 billion, $12 billion. */
function makeAmount(random: Random): number {
  const roll = random();
  if (roll < 0.45) return int(random, 1, 99) * 10 * 1e6; // $10–990 million
  if (roll < 0.75) return int(random, 5, 95) * 1e6 * (random() < 0.5 ? 1 : 10); // $5–950 million
  if (roll < 0.95) return int(random, 11, 99) * 1e8; // $1.1–9.9 billion
  return int(random, 10, 40) * 1e9; // $10–40 billion
}

function trimmed(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function amountEn(random: Random, value: number): string {
  const short = random() < 0.2;
  const prefix = random() < 0.1 ? 'US$' : '$';
  if (value >= 1e9) return `${prefix}${trimmed(value / 1e9)}${short ? 'bn' : ' billion'}`;
  return `${prefix}${trimmed(value / 1e6)}${short ? 'm' : ' million'}`;
}

function amountUz(random: Random, value: number): string {
  // Uzbek sources mostly write the unit after the number; some keep the dollar sign.
  const [number, unit] = value >= 1e9 ? [value / 1e9, 'mlrd'] : [value / 1e6, 'mln'];
  const text = trimmed(number).replace('.', ',');
  return random() < 0.3 ? `$${trimmed(number)} ${unit}` : `${text} ${unit} dollar`;
}

function amountJa(value: number): string {
  if (value >= 1e8) return `${trimmed(value / 1e8)}億ドル`;
  return `${trimmed(value / 1e4)}万ドル`;
}

// ---------------------------------------------------------------------------------------------
// Sentences

interface SentenceFacts {
  names: SyntheticEntity[];
  amount: number | null;
  year: number;
}

const QUOTE_SPEAKERS_EN = ['the ministry', 'an official', 'the company', 'the press service'];

function sentenceEn(random: Random, facts: SentenceFacts | null): string {
  const words = int(random, 15, 35);
  const parts: string[] = [];
  const nameAt = facts && facts.names.length > 0 ? int(random, 0, Math.min(6, words - 1)) : -1;
  const amountAt = facts?.amount ? int(random, 4, words - 2) : -1;
  const numberAt = random() < 0.15 ? int(random, 3, words - 2) : -1;
  let nameIndex = 0;
  for (let i = 0; i < words; i += 1) {
    let word: string;
    if (i === nameAt && facts) {
      const entity = facts.names[nameIndex % facts.names.length]!;
      nameIndex += 1;
      word = entity.kind === 'person' && random() < 0.15 ? `Mr. ${entity.en}` : entity.en;
    } else if (i === amountAt && facts?.amount) {
      word = amountEn(random, facts.amount);
    } else if (i === numberAt) {
      word = random() < 0.5 ? `in ${facts?.year ?? int(random, 2015, 2030)}` : `${int(random, 2, 95)} percent`;
    } else {
      word = random() < 0.38 ? pick(random, EN_FUNCTION) : pick(random, EN_CONTENT);
      if (random() < 0.003) word = 'U.S.';
    }
    if (i === 0) parts.push(capitalize(word));
    else parts.push(random() < 0.07 ? ', ' : ' ', word);
  }
  const sentence = parts.join('');
  if (random() < 0.08) {
    // A quotation: “…,” said X.
    const speaker = facts?.names.find((entity) => entity.kind === 'person')?.en ?? pick(random, QUOTE_SPEAKERS_EN);
    return `“${sentence},” said ${speaker}.`;
  }
  return `${sentence}.`;
}

function sentenceUz(random: Random, facts: SentenceFacts | null): string {
  const words = int(random, 10, 22);
  const parts: string[] = [];
  const nameAt = facts && facts.names.length > 0 ? int(random, 0, Math.min(4, words - 2)) : -1;
  const amountAt = facts?.amount ? int(random, 2, words - 2) : -1;
  const numberAt = random() < 0.12 ? int(random, 1, words - 2) : -1;
  let nameIndex = 0;
  for (let i = 0; i < words - 1; i += 1) {
    let word: string;
    if (i === nameAt && facts) {
      word = facts.names[nameIndex % facts.names.length]!.uz;
      nameIndex += 1;
    } else if (i === amountAt && facts?.amount) {
      word = amountUz(random, facts.amount);
    } else if (i === numberAt) {
      word = random() < 0.5 ? `${facts?.year ?? int(random, 2015, 2030)}-yil` : `${int(random, 2, 95)} foiz`;
    } else if (random() < 0.3) {
      word = pick(random, UZ_WORDS);
    } else {
      word = pick(random, UZ_ROOTS) + pick(random, UZ_SUFFIXES);
    }
    if (i === 0) parts.push(capitalize(word));
    else parts.push(random() < 0.06 ? ', ' : ' ', word);
  }
  parts.push(' ', pick(random, UZ_VERBS), '.');
  return parts.join('');
}

function clauseJa(random: Random, chunks: number): string {
  const parts: string[] = [];
  for (let i = 0; i < chunks; i += 1) {
    parts.push(random() < 0.2 ? pick(random, JA_KATAKANA) : pick(random, JA_NOUNS));
    if (random() < 0.4) parts.push(pick(random, JA_NOUNS));
    parts.push(pick(random, JA_PARTICLES));
    if (random() < 0.15) parts.push('、');
  }
  parts.push(pick(random, JA_NOUNS));
  return parts.join('');
}

function sentenceJa(random: Random, facts: SentenceFacts | null): string {
  if (random() < 0.15) {
    // 。 inside 「」 belongs to the quotation.
    const person = facts?.names.find((entity) => entity.kind === 'person');
    const speaker = person ? `${person.ja}氏` : pick(random, ['担当者', '同省', '関係者']);
    const quote = `${clauseJa(random, int(random, 2, 4))}${pick(random, JA_ENDINGS)}${clauseJa(random, int(random, 1, 3))}を進める`;
    return `${speaker}は「${quote}」${pick(random, JA_QUOTE_ENDINGS)}`;
  }
  let head = '';
  if (facts && facts.names.length > 0) head += `${facts.names[int(random, 0, facts.names.length - 1)]!.ja}は、`;
  if (facts?.amount) head += `${amountJa(facts.amount)}規模の`;
  if (random() < 0.1) head += `${facts?.year ?? int(random, 2015, 2030)}年に`;
  return `${head}${clauseJa(random, int(random, 3, 7))}${pick(random, JA_ENDINGS)}`;
}

const SENTENCE: Record<string, (random: Random, facts: SentenceFacts | null) => string> = {
  en: sentenceEn,
  uz: sentenceUz,
  ja: sentenceJa,
};

/**
 * Background sentences, shared by all documents: most of a report's sentences are drawn from
 * here (and some get one of the report's entities), which keeps 50,000 documents fast to make.
 * Large enough that reports of one story rarely share a sentence by chance.
 */
const POOL_SIZE = 40_000;
const sentencePools = new Map<string, string[]>();

function sentencePool(lang: string): string[] {
  let pool = sentencePools.get(lang);
  if (!pool) {
    const random = mulberry32(0x9001 + lang.charCodeAt(0) * 31 + lang.charCodeAt(1));
    const sentence = SENTENCE[lang]!;
    pool = Array.from({ length: POOL_SIZE }, () => sentence(random, null));
    sentencePools.set(lang, pool);
  }
  return pool;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * Sentences that lean on the one before them, written as reports write them: an attribution
 * right after the lead, and now and then a follow-up that opens with a pronoun. An extractive
 * summary must not tear them from what they refer to (`npm run bench -- --only prose`).
 */
const ATTRIBUTIONS: Readonly<Record<string, readonly string[]>> = {
  en: [
    'This was reported by the presidential press service.',
    'This was announced by the ministry’s press service.',
    'This was reported by the national news agency.',
  ],
  uz: [
    'Bu haqda Prezident matbuot xizmati xabar berdi.',
    'Bu haqda vazirlik matbuot xizmati maʼlum qildi.',
    'Bu haqda milliy axborot agentligi xabar berdi.',
  ],
  ja: ['これは大統領報道局が伝えた。', 'これは同省の報道官が明らかにした。', 'これは国営通信社が報じた。'],
};
const ATTRIBUTION_SHARE = 0.3;
const FOLLOW_UP_SHARE = 0.05;

function followUpSentence(random: Random, lang: string, pool: string[]): string {
  const base = pick(random, pool);
  if (lang === 'ja') return random() < 0.5 ? `同氏は、${base.slice(0, -1)}と述べた。` : `これにより、${base}`;
  if (lang === 'uz')
    return random() < 0.5 ? `U shuningdek, ${lowerFirst(base)}` : `Ushbu kelishuvga koʻra, ${lowerFirst(base)}`;
  return random() < 0.5 ? `He added that ${lowerFirst(base)}` : `They also agreed that ${lowerFirst(base)}`;
}

/** A background sentence, now and then naming one of the report's entities (and its amount). */
function bodySentence(
  random: Random,
  lang: string,
  pool: string[],
  mentionable: SyntheticEntity[],
  amount: number | null,
): string {
  const base = pick(random, pool);
  if (random() >= 0.3 || base.startsWith('“') || base.includes('「')) return base;
  const entity = pick(random, mentionable);
  const withAmount = amount !== null && random() < 0.08;
  if (lang === 'ja') return `${entity.ja}は、${withAmount ? `${amountJa(amount)}規模の` : ''}${base}`;
  if (lang === 'uz') return `${entity.uz} ${withAmount ? `${amountUz(random, amount)} ` : ''}${lowerFirst(base)}`;
  return withAmount
    ? `${entity.en} ${lowerFirst(base.slice(0, -1))} worth ${amountEn(random, amount)}.`
    : `${entity.en} ${lowerFirst(base)}`;
}

function headline(random: Random, lang: string, facts: SentenceFacts): string {
  const names = facts.names.slice(0, 2);
  if (lang === 'ja') {
    const who = names.map((entity) => entity.ja).join('と');
    return `${who}、${facts.amount ? `${amountJa(facts.amount)}の` : ''}${clauseJa(random, int(random, 2, 3))}${pick(random, ['で合意', 'を発表', 'を協議', 'へ'])}`;
  }
  if (lang === 'uz') {
    const parts = [names.map((entity) => entity.uz).join(' va ')];
    for (let i = int(random, 4, 8); i > 0; i -= 1) parts.push(pick(random, UZ_ROOTS) + pick(random, UZ_SUFFIXES));
    if (facts.amount) parts.push(amountUz(random, facts.amount));
    parts.push(pick(random, UZ_VERBS));
    return parts.join(' ');
  }
  const parts = [names.map((entity) => entity.en).join(' and ')];
  parts.push(pick(random, ['agree', 'sign', 'discuss', 'launch', 'announce', 'plan']));
  if (facts.amount) parts.push(amountEn(random, facts.amount));
  for (let i = int(random, 3, 7); i > 0; i -= 1) parts.push(pick(random, EN_CONTENT));
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Sources and events

interface Source {
  name: string;
  domain: string;
  lang: 'en' | 'uz' | 'ja';
}

const SOURCES: Source[] = [
  ['Kun.uz', 'kun.uz', 'uz'],
  ['Gazeta.uz', 'gazeta.uz', 'uz'],
  ['Daryo', 'daryo.uz', 'uz'],
  ['UzA', 'uza.uz', 'uz'],
  ['Xabar.uz', 'xabar.uz', 'uz'],
  ['Qalampir.uz', 'qalampir.uz', 'uz'],
  ['Dunyo', 'dunyo.info', 'uz'],
  ['Spot.uz', 'spot.uz', 'uz'],
  ['UzDaily', 'uzdaily.uz', 'en'],
  ['Reuters', 'reuters.com', 'en'],
  ['Nikkei Asia', 'asia.nikkei.com', 'en'],
  ['The Japan Times', 'japantimes.co.jp', 'en'],
  ['Kyodo News', 'english.kyodonews.net', 'en'],
  ['NHK World', 'www3.nhk.or.jp', 'en'],
  ['The Diplomat', 'thediplomat.com', 'en'],
  ['Eurasianet', 'eurasianet.org', 'en'],
  ['Trend News Agency', 'en.trend.az', 'en'],
  ['AKIpress', 'akipress.com', 'en'],
  ['The Times of Central Asia', 'timesca.com', 'en'],
  ['Kursiv', 'kz.kursiv.media', 'en'],
  ['Interfax', 'interfax.com', 'en'],
  ['Bloomberg', 'bloomberg.com', 'en'],
  ['Asia Times', 'asiatimes.com', 'en'],
  ['Central Asia Daily', 'cadaily.example', 'en'],
  ['日本経済新聞', 'nikkei.com', 'ja'],
  ['読売新聞', 'yomiuri.co.jp', 'ja'],
  ['朝日新聞', 'asahi.com', 'ja'],
  ['毎日新聞', 'mainichi.jp', 'ja'],
  ['共同通信', 'kyodonews.jp', 'ja'],
  ['時事通信', 'jiji.com', 'ja'],
  ['産経新聞', 'sankei.com', 'ja'],
  ['NHKニュース', 'nhk.or.jp', 'ja'],
  ['JETROビジネス短信', 'jetro.go.jp', 'ja'],
  ['東洋経済', 'toyokeizai.net', 'ja'],
].map(([name, domain, lang]) => ({ name: name!, domain: domain!, lang: lang as Source['lang'] }));

interface Event {
  day: number;
  persons: SyntheticEntity[];
  organizations: SyntheticEntity[];
  places: SyntheticEntity[];
  amount: number | null;
  topics: string[];
  reports: number;
}

function someOf<T>(random: Random, items: readonly T[], count: number, power: number): T[] {
  const chosen = new Set<T>();
  for (let guard = 0; chosen.size < count && guard < count * 8; guard += 1) {
    chosen.add(items[skewed(random, items.length, power)]!);
  }
  return [...chosen];
}

function makeEvent(random: Random, pool: EntityPool, day: number, reports: number): Event {
  const topics = new Set<string>();
  while (topics.size < int(random, 2, 3)) topics.add(pick(random, TOPIC_IDS));
  return {
    day,
    persons: someOf(random, pool.persons, int(random, reports > 1 ? 1 : 0, 2), 1.6),
    organizations: someOf(random, pool.organizations, int(random, 1, 2), 1.6),
    places: someOf(random, pool.places, int(random, 0, 1), 2.5),
    amount: random() < (reports > 1 ? 0.55 : 0.3) ? makeAmount(random) : null,
    topics: [...topics],
    reports,
  };
}

/** 55% of events are reported once; the rest by 2–8 sources. */
function reportCount(random: Random): number {
  const roll = random();
  if (roll < 0.55) return 1;
  if (roll < 0.75) return 2;
  if (roll < 0.87) return 3;
  return int(random, 4, 8);
}

// ---------------------------------------------------------------------------------------------
// Documents

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  const time = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(time)) throw new RangeError(`not a date: ${date}`);
  return Math.floor(time / DAY_MS);
}

interface Draft {
  day: number;
  order: number;
  doc: Omit<WeekDocument, 'id' | 'slug' | 'sourceUrl' | 'publishedOn'>;
  slugBase: string;
  domain: string;
}

function makeText(
  random: Random,
  lang: string,
  shape: number[],
  facts: SentenceFacts,
  mentionable: SyntheticEntity[],
): WeekDocumentText {
  const sentence = SENTENCE[lang]!;
  const pool = sentencePool(lang);
  const separator = lang === 'ja' ? '' : ' ';
  const paragraphs: string[] = [];
  for (let p = 0; p < shape.length; p += 1) {
    // Concatenation, not join(): V8 keeps the paragraph as a rope over the pooled sentences
    // until something reads it, so a large corpus is quick to make (see materialize()).
    let paragraph = '';
    for (let s = 0; s < shape[p]!; s += 1) {
      // The lead is the report's own and carries the story's facts.
      let next: string;
      if (p === 0 && s === 0) next = sentence(random, facts);
      else if (p === 0 && s === 1 && random() < ATTRIBUTION_SHARE) next = pick(random, ATTRIBUTIONS[lang] ?? []);
      else if (random() < FOLLOW_UP_SHARE) next = followUpSentence(random, lang, pool);
      else next = bodySentence(random, lang, pool, mentionable, facts.amount);
      paragraph = s === 0 ? next : paragraph + separator + next;
    }
    paragraphs.push(paragraph);
  }
  return { headline: headline(random, lang, facts), paragraphs };
}

function draftReports(random: Random, pool: EntityPool, event: Event, lastDay: number, order: number): Draft[] {
  const drafts: Draft[] = [];
  const sources = new Set<Source>();
  while (sources.size < event.reports) sources.add(SOURCES[skewed(random, SOURCES.length, 1.3)]!);
  for (const source of sources) {
    const entities = new Map<string, { slug: string; kind: string; mentions: number }>();
    const add = (entity: SyntheticEntity, mentions: number) => {
      if (entities.size < 10 && !entities.has(entity.slug))
        entities.set(entity.slug, { slug: entity.slug, kind: entity.kind, mentions });
    };
    const named: SyntheticEntity[] = [];
    for (const entity of [...event.persons, ...event.organizations]) {
      add(entity, int(random, 2, 6));
      named.push(entity);
    }
    for (const [place, share] of COMMON_PLACES) if (random() < share) add(place, int(random, 1, 4));
    for (const place of event.places) add(place, int(random, 1, 3));
    // Each report adds a few entities of its own.
    for (let extra = int(random, 0, 3); extra > 0; extra -= 1) {
      const roll = random();
      const entity =
        roll < 0.4
          ? pool.persons[skewed(random, pool.persons.length)]!
          : roll < 0.8
            ? pool.organizations[skewed(random, pool.organizations.length)]!
            : pool.places[skewed(random, pool.places.length)]!;
      add(entity, int(random, 1, 2));
      if (entity.kind !== 'place') named.push(entity);
    }
    while (entities.size < 3) add(pool.places[skewed(random, pool.places.length)]!, 1);

    const topics = new Set(event.topics);
    if (topics.size < 4 && random() < 0.35) topics.add(pick(random, TOPIC_IDS));
    const day = Math.min(lastDay, event.day + (drafts.length === 0 ? 0 : int(random, 0, 2)));
    const year = new Date(day * DAY_MS).getUTCFullYear();
    const facts: SentenceFacts = {
      names: named.length > 0 ? named.slice(0, 3) : [...event.places, COMMON_PLACES[0]![0]],
      amount: event.amount,
      year,
    };
    const mentionable = named.length > 0 ? named : facts.names;
    // The same paragraph shape in every language, as a translation keeps it.
    const shape: number[] = [];
    for (let p = int(random, 8, 16); p > 0; p -= 1) shape.push(int(random, 1, 4));
    // A few reports are not translated (yet): the summary falls back to the original.
    const langs =
      random() < 0.88
        ? ['en', 'uz', 'ja']
        : source.lang === 'en'
          ? ['en']
          : [source.lang, ...(random() < 0.5 ? ['en'] : [])];
    const texts: Record<string, WeekDocumentText> = {};
    for (const lang of langs) texts[lang] = makeText(random, lang, shape, facts, mentionable);
    const enHeadline = texts.en?.headline ?? facts.names.map((entity) => entity.en).join(' ');
    drafts.push({
      day,
      order: order + drafts.length,
      slugBase: slugify(enHeadline.split(' ').slice(0, 8).join(' ')),
      domain: source.domain,
      doc: {
        sourceName: source.name,
        originalLanguage: source.lang,
        headlineIsEditorial: random() < 0.2,
        topics: [...topics],
        entities: [...entities.values()],
        texts,
      },
    });
  }
  return drafts;
}

export interface GenerateOptions {
  count: number;
  seed: number;
  /** First calendar date (YYYY-MM-DD), inclusive. */
  startDate: string;
  /** Last calendar date (YYYY-MM-DD), inclusive. */
  endDate: string;
  /** Entity pool (default: createEntityPool()). */
  pool?: EntityPool;
}

let defaultPool: EntityPool | undefined;

/**
 * `count` reports published between startDate and endDate, ids 1..count in publication order.
 * Volume grows over the period and is lower at weekends, so weeks differ in size.
 */
export function generateDocuments(options: GenerateOptions): WeekDocument[] {
  const { count, seed } = options;
  const random = mulberry32(seed);
  const pool = options.pool ?? (defaultPool ??= createEntityPool());
  const first = dayNumber(options.startDate);
  const last = dayNumber(options.endDate);
  if (last < first) throw new RangeError('endDate is before startDate');
  const span = last - first + 1;
  const drawDay = (): number => {
    for (;;) {
      const day = first + Math.floor(random() * span);
      const trend = 0.6 + (0.4 * (day - first)) / span;
      const weekday = (day + 3) % 7; // 1970-01-01 was a Thursday; Monday = 0
      if (random() < trend * (weekday >= 5 ? 0.5 : 1)) return day;
    }
  };

  const drafts: Draft[] = [];
  while (drafts.length < count) {
    const event = makeEvent(random, pool, drawDay(), Math.min(reportCount(random), count - drafts.length));
    for (const draft of draftReports(random, pool, event, last, drafts.length)) drafts.push(draft);
  }
  drafts.sort((a, b) => a.day - b.day || a.order - b.order);

  const dates = new Map<number, string>();
  return drafts.map((draft, index) => {
    const id = index + 1;
    let publishedOn = dates.get(draft.day);
    if (!publishedOn) {
      publishedOn = new Date(draft.day * DAY_MS).toISOString().slice(0, 10);
      dates.set(draft.day, publishedOn);
    }
    return {
      id,
      slug: `${draft.slugBase}-${id.toString(36)}`,
      sourceUrl: `https://${draft.domain}/news/${id}`,
      publishedOn,
      ...draft.doc,
    };
  });
}

/** `count` reports all published in one ISO week (e.g. '2025-W50'). */
export function generateWeek(options: {
  count: number;
  seed: number;
  week: string;
  pool?: EntityPool;
}): WeekDocument[] {
  const range = getWeekRange(options.week);
  if (!range) throw new RangeError(`not an ISO week: ${options.week}`);
  return generateDocuments({ ...options, startDate: range.start, endDate: range.end });
}

/** Documents grouped by the ISO week of publishedOn, weeks in order. */
export function groupByWeek(documents: readonly WeekDocument[]): Map<string, WeekDocument[]> {
  const weekOf = new Map<string, string>();
  const groups = new Map<string, WeekDocument[]>();
  for (const doc of documents) {
    let week = weekOf.get(doc.publishedOn);
    if (!week) {
      week = getIsoWeek(doc.publishedOn);
      weekOf.set(doc.publishedOn, week);
    }
    const group = groups.get(week);
    if (group) group.push(doc);
    else groups.set(week, [doc]);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Flattens every text of the documents. Texts are built as V8 ropes (cheap to make); text read
 * from D1 is flat, so call this before timing, or the first build pays for the flattening.
 * Returns a checksum so the work cannot be optimised away.
 */
export function materialize(documents: readonly WeekDocument[]): number {
  let checksum = 0;
  for (const doc of documents) {
    for (const text of Object.values(doc.texts)) {
      checksum += text.headline.indexOf('\u0000');
      for (const paragraph of text.paragraphs) checksum += paragraph.indexOf('\u0000');
    }
  }
  return checksum;
}
