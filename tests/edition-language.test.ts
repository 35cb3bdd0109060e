import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import ja from '../locales/ja.json';
import { seedTestCorpus } from './helpers/corpus.ts';
import { get } from './helpers/http.ts';

beforeAll(async () => {
  await seedTestCorpus(env.DB);
});

const EDITIONS = ['en', 'uz', 'uz-Cyrl', 'ja'] as const;
const PAGE_LANG: Record<string, string> = { en: 'en', uz: 'uz-Latn', 'uz-Cyrl': 'uz-Cyrl', ja: 'ja' };

/** Every page of one edition reachable from its home page and one search, with its HTML. */
async function walkEdition(edition: string): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  const query = { en: 'Tokyo', uz: 'Tokio', 'uz-Cyrl': 'Токио', ja: '日本' }[edition] ?? '';
  const queue = [`/${edition}/`, `/${edition}/search?q=${encodeURIComponent(query)}`];
  while (queue.length > 0) {
    const path = queue.shift() as string;
    if (pages.has(path)) continue;
    const response = await get(path);
    expect(response.status, path).toBe(200);
    const html = await response.text();
    pages.set(path, html);
    for (const match of html.matchAll(/href="(\/[^"#]*)"/g)) {
      const link = (match[1] as string).replace(/&amp;/g, '&');
      if (!link.startsWith(`/${edition}/`) || /\.(?:xml|atom|json)$|\/search\?/.test(link)) continue;
      if (!pages.has(link) && !queue.includes(link)) queue.push(link);
    }
  }
  return pages;
}

/**
 * The text a reader sees in the page's own language: the body without elements marked as
 * another language (lang="en" quotations, the language switch), scripts and styles.
 */
async function readOwnText(html: string, pageLang: string, also = 'svg'): Promise<string> {
  const rewritten = await new HTMLRewriter()
    .on(`head, script, style, ${also}`, {
      element: (element) => {
        element.remove();
      },
    })
    .on('[lang]', {
      element: (element) => {
        if (element.tagName !== 'html' && element.getAttribute('lang') !== pageLang) element.remove();
      },
    })
    .transform(new Response(html))
    .text();
  return rewritten
    .replace(/<[^>]*>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}

const walks = new Map<string, Map<string, string>>();
async function walk(edition: string): Promise<Map<string, string>> {
  let pages = walks.get(edition);
  if (pages === undefined) {
    pages = await walkEdition(edition);
    walks.set(edition, pages);
  }
  return pages;
}

/**
 * Latin-script words a Japanese or Uzbek Cyrillic page may show: proper names the press of
 * both scripts also prints in Latin letters (companies, acronyms, the site's own name,
 * feed formats). Reviewed; anything else in Latin letters is English left on the page.
 */
const LATIN_ALLOWED = new Set(
  `Silk Digest JICA JBIC METI MIIT EXPO IT RSS Atom JSON Feed Sojitz Corporation Toyota Tsusho Sumitomo Itochu Kyoto
  Plaza Balsom Shikoku Electric Okamoto OMETA Masui Le One Co Ltd ITO Daido Industries Washin Trading COP SDGs GDP
  Feedly Inoreader NetNewsWire COVID AnewZ Kun uz Daryo Gazeta UzDaily Dunyo Darakchi Xabar Podrobno UzA Uzbekistan Today`.split(
    /\s+/,
  ),
);
/** Names of outlets and organisations written in English words, which every edition prints as such. */
const ENGLISH_NAMES = /The Caspian Post|Invest in Uzbekistan/g;
/** A cut search snippet may end inside a name ("Okam…"): a start of an allowed word is allowed. */
function isAllowedLatin(word: string): boolean {
  return LATIN_ALLOWED.has(word) || (word.length >= 3 && [...LATIN_ALLOWED].some((name) => name.startsWith(word)));
}

/** English function words: one of them on an Uzbek Latin page outside lang="en" is English text. */
const ENGLISH_WORDS =
  /(?<![\p{L}\u02BB\u02BC'’])(?:the|and|of|for|with|from|this|that|was|were|has|have|is|are|by|to|in|on|at)(?![\p{L}\u02BB\u02BC'’])/giu;

describe('every page of every edition is in its own language', () => {
  it.each(['uz', 'uz-Cyrl', 'ja'])('%s: no English outside lang="en"', async (edition) => {
    const pages = await walk(edition);
    expect(pages.size).toBeGreaterThan(15);
    const found: string[] = [];
    for (const [path, html] of pages) {
      // Addresses (feed URLs, e-mail) are not words of any language.
      const text = (await readOwnText(html, PAGE_LANG[edition] as string))
        .replace(ENGLISH_NAMES, ' ')
        .replace(/https?:\/\/\S+|[\w.+-]+@[\w.-]+|[\w-]+\.(?:xml|atom|json)\b/g, ' ');
      const words =
        edition === 'uz'
          ? [...text.matchAll(ENGLISH_WORDS)].map((match) => match[0])
          : [...text.replace(/[A-Za-z]+…/g, '…').matchAll(/[A-Za-z][A-Za-z'’]*/g)]
              .map((match) => match[0])
              .filter((word) => !isAllowedLatin(word));
      if (words.length > 0) found.push(`${path}: ${[...new Set(words)].join(' ')}`);
    }
    expect(found).toEqual([]);
  });

  it('ja: full-width ( and : next to Japanese text, in the interface strings and on every page', async () => {
    const strings: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') strings.push(value.replace(/\{\{[^}]*\}\}/g, ''));
      else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(ja);
    expect(strings.filter((text) => /[(:)]/.test(text))).toEqual([]);
    const JAPANESE = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー]';
    const halfWidth = new RegExp(`${JAPANESE}\\s?[(:)]|[(:)]\\s?${JAPANESE}`, 'u');
    const found: string[] = [];
    for (const [path, html] of await walk('ja')) {
      const text = await readOwnText(html, 'ja');
      const match = halfWidth.exec(text);
      if (match) found.push(`${path}: …${text.slice(Math.max(0, match.index - 12), match.index + 12)}…`);
    }
    expect(found).toEqual([]);
  });

  /** Dates as the edition writes them, and patterns of other styles that must not appear. */
  const MONTHS_EN = 'January|February|March|April|May|June|July|August|September|October|November|December';
  const DATE_STYLES: Record<string, { own: RegExp; other: RegExp }> = {
    en: {
      own: new RegExp(`\\b\\d{1,2} (?:${MONTHS_EN}) \\d{4}\\b`),
      other: new RegExp(`(?:${MONTHS_EN}) \\d{1,2}, \\d{4}`),
    },
    uz: {
      own: /\b\d{4}-yil \d{1,2}-(?:yanvar|fevral|mart|aprel|may|iyun|iyul|avgust|sentabr|oktabr|noyabr|dekabr)\b/,
      other: /\d-(?:yanvar|fevral|mart|aprel|may|iyun|iyul|avgust|sentabr|oktabr|noyabr|dekabr), \d{4}|\d{4}-yil, /,
    },
    'uz-Cyrl': {
      own: /\d{4} йил \d{1,2} (?:январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь)/,
      other:
        /\d[ -](?:январ|феврал|апрел|июн|июл|сентябр|октябр|ноябр|декабр)(?![ьа-яўқғҳ])|\d-(?:январ|феврал|март|апрел|май|июн|июл|август|сентябр|октябр|ноябр|декабр)|\d{4}-йил|, \d{4}/,
    },
    ja: { own: /\d{4}年\d{1,2}月\d{1,2}日/, other: /第\d{4}-W|\d{4}-W\d{2}(?!\w)|日 – |\d{1,2}月\d{1,2}日 - / },
  };

  it.each(EDITIONS)('%s: one date style on every page', async (edition) => {
    const style = DATE_STYLES[edition] as { own: RegExp; other: RegExp };
    let dated = 0;
    const found: string[] = [];
    for (const [path, html] of await walk(edition)) {
      // An English article's body is the outlet's own text, quoted as published (some write
      // "January 26, 1992"); the site's own words are checked.
      const text = await readOwnText(html, PAGE_LANG[edition] as string, edition === 'en' ? 'div.body' : 'svg');
      if (style.own.test(text)) dated++;
      const match = style.other.exec(text);
      if (match) found.push(`${path}: …${text.slice(Math.max(0, match.index - 20), match.index + 20)}…`);
    }
    expect(dated).toBeGreaterThan(5);
    expect(found).toEqual([]);
  });
});

describe('one name per thing per edition', () => {
  it('names the site the same way in the header and the footer of each edition', async () => {
    const names = { en: 'Silk Digest', uz: 'Silk Digest', 'uz-Cyrl': 'Silk Digest', ja: 'シルク・ダイジェスト' };
    for (const edition of EDITIONS) {
      const html = await (await get(`/${edition}/`)).text();
      const footer = html.slice(html.indexOf('<footer'));
      expect(html.slice(0, html.indexOf('</header>')), edition).toContain(names[edition]);
      expect(footer, edition).toContain(names[edition]);
      expect(html, edition).not.toMatch(/Силк|Дигест/);
    }
  });

  it('calls the latest articles the same in the navigation and on the page (ja)', async () => {
    const html = await (await get('/ja/')).text();
    const heading = /<h1[^>]*>([^<]+)<\/h1>/.exec(html)?.[1];
    expect(heading).toBe('最新の記事');
    expect(html).toContain(`>${heading}</a>`);
    expect(html).not.toContain('最新ニュース');
  });
});

describe('editorial notes', () => {
  it('shows readers a note in their language, never the editors’ record with file names', async () => {
    const slug = 'mirziyoyev-and-takaichi-hold-talks-in-tokyo';
    const notes = {
      en: 'The date shown is the publication date',
      uz: 'Koʻrsatilgan sana tahririyat',
      'uz-Cyrl': 'Кўрсатилган сана таҳририят',
      ja: '表示の日付は、編集部が',
    };
    for (const edition of EDITIONS) {
      const html = await (await get(`/${edition}/articles/${slug}`)).text();
      expect(html, edition).toContain(notes[edition]);
      expect(html, edition).not.toMatch(/\.txt\b|reports the same talks|published_note/);
    }
  });
});
