import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APOSTROPHE_LIKE, normalizeApostrophes } from '../src/services/apostrophes.ts';
import {
  foldUzbekForSearch,
  isTransliterationException,
  transliterateText,
  transliterateUzLatnToCyrl,
} from '../src/services/transliterate.ts';

/**
 * Latin → Cyrillic pairs from real Uzbek news text (kun.uz, gazeta.uz, uza.uz and the corpus
 * translations), written as the Uzbek Cyrillic press prints them. Grouped by the rule they test.
 */
const PAIRS: readonly (readonly [string, string])[] = [
  // Places and names.
  ['Oʻzbekiston', 'Ўзбекистон'],
  ['Toshkent', 'Тошкент'],
  ['Samarqand', 'Самарқанд'],
  ['Buxoro', 'Бухоро'],
  ['Xiva', 'Хива'],
  ['Fargʻona', 'Фарғона'],
  ['Andijon', 'Андижон'],
  ['Namangan', 'Наманган'],
  ['Qashqadaryo', 'Қашқадарё'],
  ['Surxondaryo', 'Сурхондарё'],
  ['Jizzax', 'Жиззах'],
  ['Navoiy', 'Навоий'],
  ['Xorazm', 'Хоразм'],
  ['Qoraqalpogʻiston', 'Қорақалпоғистон'],
  ['Termiz', 'Термиз'],
  ['Yaponiya', 'Япония'],
  ['Yaponiyaning', 'Япониянинг'],
  ['Tokio', 'Токио'],
  ['Tokioda', 'Токиода'],
  ['Shavkat', 'Шавкат'],
  ['Mirziyoyev', 'Мирзиёев'],
  ['Mirziyoyevning', 'Мирзиёевнинг'],
  ['Sanae', 'Санаэ'],
  ['Takaichi', 'Такаичи'],
  ['Tsukuba', 'Цукуба'],
  ['Koreya', 'Корея'],
  ['Xitoy', 'Хитой'],
  ['Rossiya', 'Россия'],
  ['Qozogʻiston', 'Қозоғистон'],
  ['Tojikiston', 'Тожикистон'],
  ['Qirgʻiziston', 'Қирғизистон'],
  ['Markaziy', 'Марказий'],
  ['Osiyo', 'Осиё'],
  ['Shanxay', 'Шанхай'],
  // oʻ and gʻ, in every position.
  ['soʻm', 'сўм'],
  ['boʻyicha', 'бўйича'],
  ['oʻrtasida', 'ўртасида'],
  ['oʻzaro', 'ўзаро'],
  ['oʻtkazdi', 'ўтказди'],
  ['qoʻshma', 'қўшма'],
  ['qoʻllab-quvvatlash', 'қўллаб-қувватлаш'],
  ['xoʻjaligi', 'хўжалиги'],
  ['bogʻliq', 'боғлиқ'],
  ['togʻ', 'тоғ'],
  ['mablagʻ', 'маблағ'],
  ['sogʻliqni', 'соғлиқни'],
  ['sogʻlom', 'соғлом'],
  ['gʻalaba', 'ғалаба'],
  ['Gʻarb', 'Ғарб'],
  ['gʻoya', 'ғоя'],
  // sh, ch and ng are letters or pairs of letters, never anything else.
  ['sheriklik', 'шериклик'],
  ['shartnoma', 'шартнома'],
  ['tashqi', 'ташқи'],
  ['ishlar', 'ишлар'],
  ['bosh', 'бош'],
  ['shahar', 'шаҳар'],
  ['shamol', 'шамол'],
  ['chet', 'чет'],
  ['chiqish', 'чиқиш'],
  ['uchun', 'учун'],
  ['uchrashuv', 'учрашув'],
  ['ming', 'минг'],
  ['keng', 'кенг'],
  ['kengaytirish', 'кенгайтириш'],
  ['ingliz', 'инглиз'],
  // yo, yu, ya, ye as one letter; y before oʻ is й.
  ['yoshlar', 'ёшлар'],
  ['yoshi', 'ёши'],
  ['dunyo', 'дунё'],
  ['tayyor', 'тайёр'],
  ['tayyorlash', 'тайёрлаш'],
  ['quyosh', 'қуёш'],
  ['iqtisodiyot', 'иқтисодиёт'],
  ['tibbiyot', 'тиббиёт'],
  ['yuqori', 'юқори'],
  ['yuz', 'юз'],
  ['yangi', 'янги'],
  ['yangilanuvchi', 'янгиланувчи'],
  ['faoliyat', 'фаолият'],
  ['madaniyat', 'маданият'],
  ['yer', 'ер'],
  ['yetakchi', 'етакчи'],
  ['yetkazib', 'етказиб'],
  ['Yevropa', 'Европа'],
  ['yevro', 'евро'],
  ['yoʻl', 'йўл'],
  ['yoʻnalish', 'йўналиш'],
  ['yil', 'йил'],
  ['yilda', 'йилда'],
  ['poytaxt', 'пойтахт'],
  ['loyiha', 'лойиҳа'],
  ['loyihalar', 'лойиҳалар'],
  // ye after a consonant is ъе (Russian loanwords).
  ['obyekt', 'объект'],
  ['subyekt', 'субъект'],
  // e: э at the start of a word and after a vowel, е elsewhere.
  ['energetika', 'энергетика'],
  ['elektr', 'электр'],
  ['ekologiya', 'экология'],
  ['eksport', 'экспорт'],
  ['eng', 'энг'],
  ['ega', 'эга'],
  ['esa', 'эса'],
  ['emas', 'эмас'],
  ['ekan', 'экан'],
  ['etib', 'этиб'],
  ['elchi', 'элчи'],
  ['elchixona', 'элчихона'],
  ['aeroport', 'аэропорт'],
  ['prezident', 'президент'],
  ['reyting', 'рейтинг'],
  ['kredit', 'кредит'],
  ['teatr', 'театр'],
  // Tutuq belgisi ʼ is ъ; sʼh keeps s and h apart (с + ҳ, no sign in Cyrillic).
  ['taʼlim', 'таълим'],
  ['maʼlumot', 'маълумот'],
  ['sanʼat', 'санъат'],
  ['qatʼiy', 'қатъий'],
  ['maʼruza', 'маъруза'],
  ['Isʼhoq', 'Исҳоқ'],
  ['asʼhob', 'асҳоб'],
  ['moʻjiza', 'мўъжиза'],
  // ц by rule: word-initial ts, -tsiya, -nsiya/-ksiya.
  ['investitsiya', 'инвестиция'],
  ['investitsiyalar', 'инвестициялар'],
  ['inflyatsiya', 'инфляция'],
  ['stansiya', 'станция'],
  ['Fransiya', 'Франция'],
  ['aksiya', 'акция'],
  ['funksiya', 'функция'],
  // ц, ь, э, ё from the dictionary, also before suffixes.
  ['sement', 'цемент'],
  ['sementni', 'цементни'],
  ['konsert', 'концерт'],
  ['konsertlarda', 'концертларда'],
  ['litsey', 'лицей'],
  ['litsenziya', 'лицензия'],
  ['protsent', 'процент'],
  ['vaksina', 'вакцина'],
  ['prinsip', 'принцип'],
  ['pensiya', 'пенсия'],
  ['oktabr', 'октябрь'],
  ['oktabrda', 'октябрда'],
  ['dekabr', 'декабрь'],
  ['dekabrdagi', 'декабрдаги'],
  ['sentabr', 'сентябрь'],
  ['iyun', 'июнь'],
  ['iyul', 'июль'],
  ['neft', 'нефть'],
  ['neftni', 'нефтни'],
  ['kompyuter', 'компьютер'],
  ['intervyu', 'интервью'],
  ['rayon', 'район'],
  ['mer', 'мэр'],
  ['poezd', 'поезд'],
  // Everyday news vocabulary.
  ['prezidenti', 'президенти'],
  ['hamkorlik', 'ҳамкорлик'],
  ['strategik', 'стратегик'],
  ['xalqaro', 'халқаро'],
  ['agentligi', 'агентлиги'],
  ['vazir', 'вазир'],
  ['vazirlik', 'вазирлик'],
  ['davlat', 'давлат'],
  ['rahbar', 'раҳбар'],
  ['hukumat', 'ҳукумат'],
  ['muzokaralar', 'музокаралар'],
  ['kelishuv', 'келишув'],
  ['imzolandi', 'имзоланди'],
  ['milliard', 'миллиард'],
  ['mlrd', 'млрд'],
  ['dollar', 'доллар'],
  ['kompaniyalar', 'компаниялар'],
  ['sanoat', 'саноат'],
  ['qishloq', 'қишлоқ'],
  ['saqlash', 'сақлаш'],
  ['universitet', 'университет'],
  ['talabalar', 'талабалар'],
  ['oliy', 'олий'],
  ['maktab', 'мактаб'],
  ['turizm', 'туризм'],
  ['infratuzilma', 'инфратузилма'],
  ['texnologiya', 'технология'],
  ['raqamli', 'рақамли'],
  ['xavfsizlik', 'хавфсизлик'],
  ['diplomatiya', 'дипломатия'],
  ['muloqot', 'мулоқот'],
  ['samarali', 'самарали'],
  ['tabiiy', 'табиий'],
  ['gaz', 'газ'],
  ['uran', 'уран'],
  ['oltin', 'олтин'],
  ['mahalla', 'маҳалла'],
  ['oila', 'оила'],
  ['shoir', 'шоир'],
  ['mutaxassislar', 'мутахассислар'],
  ['shifoxona', 'шифохона'],
  ['qurilish', 'қурилиш'],
  ['aloqalar', 'алоқалар'],
  ['munosabatlar', 'муносабатлар'],
  ['rivojlantirish', 'ривожлантириш'],
  ['Moliya', 'Молия'],
  ['bilan', 'билан'],
  ['va', 'ва'],
  ['ham', 'ҳам'],
  // Capitals: all-caps Uzbek words are transliterated, foreign acronyms are not.
  ['OʻZBEKISTON', 'ЎЗБЕКИСТОН'],
  ['TOSHKENT SHAHRI', 'ТОШКЕНТ ШАҲРИ'],
  ['GʻALABA', 'ҒАЛАБА'],
  ['BMT', 'БМТ'],
  ['AQSH', 'АҚШ'],
  ['JICA', 'JICA'],
  ['JBIC', 'JBIC'],
  ['EXPO', 'EXPO'],
  ['IT', 'IT'],
  ['COVID-19', 'COVID-19'],
  ['G20', 'G20'],
  // Foreign names spelled with Uzbek letters stay Latin.
  ['Sojitz', 'Sojitz'],
  ['Toyota', 'Toyota'],
];

describe('Uzbek Latin → Cyrillic', () => {
  it('has a table of at least 150 real word pairs', () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(PAIRS.map(([latin]) => latin)).size).toBe(PAIRS.length);
  });

  it.each(PAIRS)('%s → %s', (latin, cyrillic) => {
    expect(transliterateUzLatnToCyrl(latin)).toBe(cyrillic);
  });

  it('transliterates whole sentences, leaving acronyms, codes and numbers alone', () => {
    expect(
      transliterateUzLatnToCyrl(
        'Prezident Shavkat Mirziyoyev Tokioda Yaponiya Bosh vaziri Sanae Takaichi bilan muzokaralar oʻtkazdi.',
      ),
    ).toBe('Президент Шавкат Мирзиёев Токиода Япония Бош вазири Санаэ Такаичи билан музокаралар ўтказди.');
    expect(transliterateUzLatnToCyrl('Yaponiya xalqaro hamkorlik agentligi (JICA) 12 mlrd dollar ajratadi.')).toBe(
      'Япония халқаро ҳамкорлик агентлиги (JICA) 12 млрд доллар ажратади.',
    );
    expect(transliterateUzLatnToCyrl('EXPO 2025 koʻrgazmasi Osakada boʻlib oʻtdi.')).toBe(
      'EXPO 2025 кўргазмаси Осакада бўлиб ўтди.',
    );
  });

  it('keeps quoted foreign company names in Latin', () => {
    expect(transliterateUzLatnToCyrl('“Sojitz Corporation” kompaniyasi')).toBe('“Sojitz Corporation” компанияси');
  });

  it('never touches URLs or e-mail addresses', () => {
    const text = 'Batafsil: https://kun.uz/news/2025/12/20/ozbekiston-yaponiya va info@gov.uz manzili';
    expect(transliterateUzLatnToCyrl(text)).toBe(
      'Батафсил: https://kun.uz/news/2025/12/20/ozbekiston-yaponiya ва info@gov.uz манзили',
    );
  });

  it('reads any apostrophe variant the way the official orthography writes it', () => {
    for (const mark of ["'", '`', '‘', '’', 'ʼ', 'ʻ']) {
      expect(transliterateUzLatnToCyrl(`O${mark}zbekiston`), mark).toBe('Ўзбекистон');
      expect(transliterateUzLatnToCyrl(`ta${mark}lim`), mark).toBe('таълим');
    }
  });

  it('tells the rules from the dictionary', () => {
    expect(isTransliterationException('sementlarni')).toBe(true);
    expect(isTransliterationException('Toyota')).toBe(true);
    expect(isTransliterationException('hamkorlik')).toBe(false);
  });

  // Text mixing Uzbek letters with everything else a page has: digits, punctuation, Cyrillic,
  // Japanese, emoji, control characters.
  const uzbekWord = fc
    .array(
      fc.constantFrom(...'abdefghijklmnopqrstuvxyz'.split(''), 'oʻ', 'gʻ', 'sh', 'ch', 'ng', 'A', 'O', 'S', 'Y', 'E'),
      { minLength: 1, maxLength: 10 },
    )
    .map((letters) => letters.join(''));
  const other = fc.constantFrom(
    ' ',
    '  ',
    ', ',
    '. ',
    '-',
    '—',
    '(',
    ')',
    '«',
    '»',
    '"',
    '2025',
    '12,5',
    '%',
    '$',
    '\n',
    '\t',
    'Ўзбекистон',
    'サマルカンド',
    '高市早苗',
    '🇺🇿',
    '\u0000',
    '\u200b',
  );
  const mixed = fc.array(fc.oneof(uzbekWord, other), { maxLength: 30 }).map((parts) => parts.join(''));
  const LETTERS_AND_MARKS = new RegExp(`[A-Za-z\\u0400-\\u04FF${APOSTROPHE_LIKE}]`, 'gu');

  it('changes nothing outside Uzbek letters (property)', () => {
    fc.assert(
      fc.property(mixed, (text) => {
        const out = transliterateUzLatnToCyrl(text);
        expect(out.replace(LETTERS_AND_MARKS, '')).toBe(text.replace(LETTERS_AND_MARKS, ''));
      }),
      { numRuns: 2000 },
    );
  });

  it('returns text without Latin letters unchanged (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        fc.pre(!/[A-Za-z]/.test(text));
        expect(transliterateUzLatnToCyrl(text)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves no Latin letter in a lowercase Uzbek word unless the dictionary says so (property)', () => {
    fc.assert(
      fc.property(uzbekWord, (word) => {
        const lower = word.toLowerCase();
        const out = transliterateUzLatnToCyrl(lower);
        if (/[a-z]/.test(out)) expect(isTransliterationException(lower), `${lower} → ${out}`).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the search fold: Latin and its Cyrillic fold the same for ordinary words', () => {
    for (const [latin, cyrillic] of PAIRS) {
      if (isTransliterationException(latin) || /^[A-Z]+$|\d|^Ts|ts|yo[ʻ]|sʼh|oʻj|[a-z]y[e]/i.test(latin)) continue;
      expect(foldUzbekForSearch(cyrillic), latin).toBe(foldUzbekForSearch(latin));
    }
    expect(foldUzbekForSearch('Самарқанд')).toBe('samarqand');
    expect(foldUzbekForSearch("O'zbekiston")).toBe('ozbekiston');
    expect(foldUzbekForSearch('Ўзбекистон')).toBe('ozbekiston');
  });

  it('remembers results without changing them, also once its budget has been spent (property)', () => {
    // Long enough texts that a few hundred runs overflow the memo's character budget.
    const paragraph = fc.array(mixed, { minLength: 1, maxLength: 80 }).map((parts) => parts.join(' '));
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 1, maxLength: 40 }), (texts) => {
        for (const text of [...texts, ...texts]) expect(transliterateUzLatnToCyrl(text)).toBe(transliterateText(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe('apostrophe normalisation', () => {
  const cases: readonly (readonly [string, string])[] = [
    ["O'zbekiston", 'Oʻzbekiston'],
    ['O‘zbekiston', 'Oʻzbekiston'],
    ['O’zbekiston', 'Oʻzbekiston'],
    ['O`zbekiston', 'Oʻzbekiston'],
    ['Oʼzbekiston', 'Oʻzbekiston'],
    ["tog'", 'togʻ'],
    ["G'alaba", 'Gʻalaba'],
    ["ta'lim", 'taʼlim'],
    ['ma‘lumot', 'maʼlumot'],
    ["san'at", 'sanʼat'],
    ["Is'hoq", 'Isʼhoq'],
    ["'Kyoto Plaza' mehmonxonasi", "'Kyoto Plaza' mehmonxonasi"],
    ["'Bog' ko'chasi'", "'Bogʻ koʻchasi'"],
    ["l'économie", "l'économie"],
    ["it's 5 o'clock", 'itʼs 5 oʻclock'],
  ];
  it.each(cases)('%s → %s', (input, output) => {
    expect(normalizeApostrophes(input)).toBe(output);
  });

  it('is idempotent and never changes anything but apostrophe-like marks (property)', () => {
    const text = fc
      .array(fc.constantFrom(...'oOgGaeistz '.split(''), ...APOSTROPHE_LIKE.split(''), '\n', 'ў', 'é', '1'), {
        maxLength: 40,
      })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(text, (input) => {
        const once = normalizeApostrophes(input);
        expect(normalizeApostrophes(once)).toBe(once);
        expect(once.length).toBe(input.length);
        const marks = new RegExp(`[${APOSTROPHE_LIKE}]`, 'gu');
        expect(once.replace(marks, '')).toBe(input.replace(marks, ''));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the loanword lexicon (data)', () => {
  it('writes every entry in letters of the Uzbek Cyrillic alphabet (no ы or щ, which it dropped)', async () => {
    const data: Record<string, unknown> = await import('../src/services/uzbek-script/lexicon-data.ts');
    const foreign = Object.entries(data)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .flatMap(([block, text]) => text.split(/\s+/).map((word) => `${block}: ${word}`))
      .filter((entry) => /[ыЫщЩ]/.test(entry));
    expect(foreign).toEqual([]);
  });
});
