/**
 * Issue 15, the reader's experience: the week page (defects 1, 3, 5), the menu and the
 * language switch (defect 7), topic and entity pages (defect 9), and the pages and feeds
 * added for readers (subscribe, about, topic feeds, the article's neighbours).
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { getTranslator } from '../src/i18n/index.ts';
import worker from '../src/index.ts';
import type { Story, WeeklySummaryContent } from '../src/services/weekly-summary.ts';
import { STYLES } from '../src/views/styles.ts';
import { isTopicChartInformative, WeekTopics } from '../src/views/topic-chart.tsx';
import { leadSlugOf, renderFragment } from '../src/views/week.tsx';
import entitiesFile from '../content/entities.json';
import { transliterateUzLatnToCyrl } from '../src/services/transliterate.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { get, ORIGIN } from './helpers/http.ts';

const EDITIONS = ['en', 'uz', 'uz-Cyrl', 'ja'] as const;
const TOKYO_TALKS = 'mirziyoyev-and-takaichi-hold-talks-in-tokyo';
const PORTFOLIO = 'uzbekistan-and-japan-sign-12bn-cooperation-portfolio';
const PROSPECTS = 'uzbekistan-japan-exploring-bilateral-cooperation-prospects';

beforeAll(async () => {
  await seedTestCorpus(env.DB);
  // The Monday cron builds every week's summary.
  await worker.scheduled(
    createScheduledController({ scheduledTime: new Date('2025-12-22T06:00:00Z'), cron: '0 6 * * 1' }),
    env,
  );
});

async function html(path: string): Promise<string> {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  return response.text();
}

describe('defect 1: a story’s headline links to its own report', () => {
  it.each(EDITIONS)('%s: on the week page', async (lang) => {
    const page = await html(`/${lang}/weeks/2025-W51`);
    const link = /<article class="story[^"]*"[^>]*><h2[^>]*><a href="([^"]+)">/.exec(page)?.[1];
    // The story's headline is the AnewZ report's ("…sign $12bn…"), not the Darakchi one's.
    expect(link).toBe(`${ORIGIN}/${lang}/articles/${PORTFOLIO}`);
  });

  it('in the feeds', async () => {
    const feed = parseFeed(await html('/en/feed.xml'));
    const item = feed.items.find((entry) => entry.url === `${ORIGIN}/en/weeks/2025-W51`);
    expect(item?.content).toMatch(
      new RegExp(`<h2><a href="${ORIGIN}/en/articles/${PORTFOLIO}">Uzbekistan and Japan sign \\$12bn`),
    );
  });

  it('for summaries stored before the lead report was recorded', () => {
    const story: Story = {
      headline: 'B headline',
      textLang: 'en',
      sentences: [],
      topics: [],
      publishedOn: '2025-12-20',
      sources: [
        { slug: 'a', name: 'A', url: 'https://a.example/', headline: 'A headline', publishedOn: '2025-12-19' },
        { slug: 'b', name: 'B', url: 'https://b.example/', headline: 'B headline', publishedOn: '2025-12-20' },
      ],
    };
    expect(leadSlugOf(story)).toBe('b');
    expect(leadSlugOf({ ...story, slug: 'a' })).toBe('a');
  });
});

describe('the home page', () => {
  it.each(EDITIONS)('%s: leads with the top story of the newest week, then the latest reports', async (lang) => {
    const page = await html(`/${lang}/`);
    const lead = /<section class="top-story" aria-labelledby="top-story">(.*?)<\/section>/.exec(page);
    expect(lead?.[1]).toContain(`<h2><a href="/${lang}/articles/${PORTFOLIO}">`);
    expect(lead?.[1]).toContain(`href="/${lang}/weeks/2025-W51"`);
    expect(lead!.index).toBeLessThan(page.indexOf('<section aria-labelledby="week-2025-W51">'));
    // Only the first page leads with it.
    expect(await html(`/${lang}/?page=1`)).toContain('class="top-story"');
  });
});

describe('defect 3: a story groups reports, everywhere', () => {
  it('the home page counts the reports of week 51, the week page its one story from two sources', async () => {
    const home = await html('/en/');
    expect(home).toContain('2 reports');
    expect(home).not.toMatch(/2 stories/);
    expect(await html('/en/weeks/2025-W51')).toContain('1 story from 2 sources');
  });
});

describe('the week page', () => {
  it.each(EDITIONS)('%s: week at a glance, sources, key figure in context, reading time, neighbours', async (lang) => {
    const page = await html(`/${lang}/weeks/2025-W51`);
    const t = getTranslator(lang);
    expect(page).toContain(`<h2 id="glance-heading">${t('weekly.atAGlance')}</h2>`);
    expect(page).toMatch(/<nav class="glance"[^>]*>.*<a href="#story-1">/);
    // The other report of the story, with its own headline and source.
    expect(page).toContain(t('weekly.alsoReportedBy'));
    expect(page).toContain(`<a href="${ORIGIN}/${lang}/articles/${TOKYO_TALKS}">`);
    expect(page).toContain(t('readingTime.minutes', { count: 1 }));
    // Previous week (W34) and no next week (W51 is the newest).
    expect(page).toContain(`<a rel="prev" href="/${lang}/weeks/2025-W34">`);
    expect(page).not.toContain('rel="next"');
    expect(await html(`/${lang}/weeks/2025-W34`)).toContain(`<a rel="next" href="/${lang}/weeks/2025-W51">`);
    expect(page).toContain(`href="/${lang}/subscribe"`);
  });

  it('quotes the sentence a key figure comes from, not the headline again', async () => {
    const en = await html('/en/weeks/2025-W51');
    const figure = /<p class="figure"><strong>\$12 billion<\/strong> <q>([^<]+)<\/q><\/p>/.exec(en)?.[1];
    expect(figure).toBe(
      'It was noted that in preparation for this summit, a new portfolio of cooperation projects worth over $12 billion has been formed.',
    );
    expect(await html('/ja/weeks/2025-W51')).toMatch(/<strong>120億ドル<\/strong> <q>[^<]*120億ドル[^<]*<\/q>/);
    expect(await html('/uz/weeks/2025-W51')).toMatch(/<strong>12 mlrd dollar<\/strong> <q>[^<]*12 milliard[^<]*<\/q>/);
  });

  it('the archive shows each week’s top headline', async () => {
    const archive = await html('/en/weeks/');
    expect(archive).toMatch(
      /<a href="\/en\/weeks\/2025-W51">[^<]+<\/a><\/h2><p class="top">Uzbekistan and Japan sign \$12bn cooperation portfolio<\/p>/,
    );
    expect(archive).toMatch(
      /<a href="\/en\/weeks\/2025-W34">[^<]+<\/a><\/h2><p class="top">Uzbekistan-Japan: Exploring/,
    );
  });
});

/** sRGB relative luminance contrast of two #rrggbb colours (WCAG 2). */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

describe('defect 5: the topic chart', () => {
  const counts = (values: number[]): WeeklySummaryContent['topicCounts'] =>
    values.map((count, index) => ({ topic: ['diplomacy', 'energy', 'trade'][index]!, label: `T${index}`, count }));

  it('is drawn only when its bars differ', () => {
    expect(isTopicChartInformative(counts([1, 1, 1]))).toBe(false);
    expect(isTopicChartInformative(counts([4]))).toBe(false);
    expect(isTopicChartInformative(counts([3, 1, 1]))).toBe(true);
  });

  it('lists each topic once, with HTML labels and counts (never SVG text a phone shrinks)', async () => {
    const summary = { week: '2025-W51', topicCounts: counts([3, 2, 1]) } as WeeklySummaryContent;
    const chart = await renderFragment(
      <WeekTopics summary={summary} t={getTranslator('en')} lang="en" headingId="week-topics" />,
    );
    expect(chart).toContain('class="chart"');
    expect(chart).not.toContain('<text');
    for (const label of ['T0', 'T1', 'T2']) expect(chart.split(`>${label}<`)).toHaveLength(2);
    expect(chart).toContain('<span class="count">3 stories</span>');
    expect(chart).toContain('<rect width="100"');
    expect(chart).toContain('<rect width="33"');
  });

  it('has bars of at least 3:1 contrast in both colour schemes', () => {
    const light = /:root\{[^}]*--bg:(#[0-9a-f]{6});[^}]*--bar:(#[0-9a-f]{6})/.exec(STYLES);
    const dark = /prefers-color-scheme:dark\)\{:root\{--bg:(#[0-9a-f]{6});[^}]*--bar:(#[0-9a-f]{6})/.exec(STYLES);
    expect(light && dark).toBeTruthy();
    expect(contrast(light![1]!, light![2]!)).toBeGreaterThanOrEqual(3);
    expect(contrast(dark![1]!, dark![2]!)).toBeGreaterThanOrEqual(3);
    expect(STYLES).toContain('.bars rect{fill:var(--bar)}');
  });
});

describe('defect 7: the menu and the language switch', () => {
  it('keeps the search query when switching language', async () => {
    const page = await html('/en/search?q=Samarkand');
    for (const lang of EDITIONS) {
      expect(page).toContain(`href="/lang/${lang}?next=${encodeURIComponent(`/${lang}/search?q=Samarkand`)}"`);
    }
  });

  const current = (page: string) =>
    [
      ...(/<nav aria-label="[^"]*" class="sections">(.*?)<\/nav>/.exec(page)?.[1] ?? '').matchAll(
        /<a href="([^"]+)" aria-current="([^"]+)"/g,
      ),
    ].map((match) => `${match[1]} ${match[2]}`);

  it('marks the section of week and topic pages, the page itself on the home page, nothing on a 404', async () => {
    expect(current(await html('/en/'))).toEqual(['/en/ page']);
    expect(current(await html('/en/weeks/'))).toEqual(['/en/weeks/ page']);
    expect(current(await html('/en/weeks/2025-W51'))).toEqual(['/en/weeks/ true']);
    expect(current(await html('/en/topics/energy'))).toEqual(['/en/topics/ true']);
    const missing = await get('/en/no-such-page');
    expect(missing.status).toBe(404);
    expect(current(await missing.text())).toEqual([]);
    const noWeek = await get('/en/weeks/2019-W01');
    expect(current(await noWeek.text())).toEqual([]);
  });
});

describe('defect 9: topics and entities', () => {
  it('lists topics by report count, most first', async () => {
    const page = await html('/en/topics/');
    const listed = [
      ...page.matchAll(/<a href="\/en\/topics\/([a-z-]+)">[^<]+<\/a> <span class="meta">\((\d+) reports?\)/g),
    ];
    expect(listed[0]?.[1]).toBe('diplomacy');
    const counts = listed.map((match) => Number(match[2]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(listed).toHaveLength(12);
  });

  it.each([
    ['en', 'Place · 2 reports'],
    ['uz', 'Joy · 2 ta xabar'],
    ['ja', '地名・2件の記事'],
  ])('%s: an entity page says what it is and how many reports name it', async (lang, facts) => {
    expect(await html(`/${lang}/entities/samarkand`)).toContain(`<p class="meta">${facts}</p>`);
  });

  const samarkand = entitiesFile.entities.find((entity) => entity.slug === 'samarkand')!;
  it.each([
    ['en', samarkand.description.en],
    ['uz', samarkand.description.uz],
    ['uz-Cyrl', transliterateUzLatnToCyrl(samarkand.description.uz)],
    ['ja', samarkand.description.ja],
  ])('%s: an entity page describes the entity in the edition, also as its meta description', async (lang, text) => {
    const page = await html(`/${lang}/entities/samarkand`);
    expect(page).toContain(`<p class="entity-description">${text}</p>`);
    expect(page).toContain(`<meta name="description" content="${text}"`);
  });

  it('the Cyrillic description is Cyrillic (transliterated, not the Latin text)', async () => {
    const page = await html('/uz-Cyrl/entities/samarkand');
    expect(page).toContain('Самарқанд вилоятининг маркази');
    expect(page).not.toContain('viloyatining');
  });
});

describe('subscribe and about pages', () => {
  it.each(EDITIONS)('%s: subscribe explains feeds and links the readers and every feed', async (lang) => {
    const page = await html(`/${lang}/subscribe`);
    const t = getTranslator(lang);
    expect(page).toContain(`<h1>${t('subscribe.title')}</h1>`);
    const rss = `${ORIGIN}/${lang}/feed.xml`;
    expect(page).toContain(`href="https://feedly.com/i/subscription/feed/${encodeURIComponent(rss)}"`);
    expect(page).toContain(`href="https://www.inoreader.com/?add_feed=${encodeURIComponent(rss)}"`);
    expect(page).toContain(`href="feed://digest.test/${lang}/feed.xml"`);
    for (const file of ['feed.xml', 'feed.atom', 'feed.json'])
      expect(page).toContain(`<code>${ORIGIN}/${lang}/${file}</code>`);
    expect(page).toContain(`<code>${ORIGIN}/${lang}/topics/diplomacy/feed.xml</code>`);
  });

  it.each(EDITIONS)('%s: about says what is automatic and how to report an error', async (lang) => {
    const page = await html(`/${lang}/about`);
    const t = getTranslator(lang);
    expect(page).toContain(`<h1>${t('about.title')}</h1>`);
    expect(page).toContain(t('about.automaticHeading'));
    expect(page).toContain('href="mailto:corrections@digest.test"');
  });

  it('the footer links to both instead of raw feed files', async () => {
    for (const path of ['/en/', '/ja/weeks/2025-W51', '/uz-Cyrl/articles/' + TOKYO_TALKS]) {
      const footer = /<footer class="site">(.*)<\/footer>/.exec(await html(path))?.[1] ?? '';
      const lang = path.split('/')[1];
      expect(footer).toContain(`href="/${lang}/subscribe"`);
      expect(footer).toContain(`href="/${lang}/about"`);
      expect(footer).not.toContain('feed.xml');
    }
  });
});

describe('topic feeds', () => {
  it.each(['en', 'uz-Cyrl', 'ja'] as const)('%s: RSS, Atom and JSON Feed of one topic’s reports', async (lang) => {
    const prefix = `${ORIGIN}/${lang}/topics/energy`;
    const rss = await get(`/${lang}/topics/energy/feed.xml`);
    expect(rss.headers.get('Content-Type')).toMatch(/^application\/rss\+xml/);
    const xml = await rss.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain(`<atom:link rel="self" type="application/rss+xml" href="${prefix}/feed.xml"/>`);
    const items = parseFeed(xml).items;
    // The three energy reports, newest first.
    expect(items.map((item) => item.url)).toEqual(
      [PORTFOLIO, TOKYO_TALKS, PROSPECTS].map((slug) => `${ORIGIN}/${lang}/articles/${slug}`),
    );
    const atom = await (await get(`/${lang}/topics/energy/feed.atom`)).text();
    expect(XMLValidator.validate(atom)).toBe(true);
    expect(parseFeed(atom).items).toHaveLength(3);
    const json = await (await get(`/${lang}/topics/energy/feed.json`)).json<{ feed_url: string; items: unknown[] }>();
    expect(json.feed_url).toBe(`${prefix}/feed.json`);
    expect(json.items).toHaveLength(3);
  });

  it('are announced and linked on the topic page; an unknown topic has none', async () => {
    const page = await html('/en/topics/energy');
    expect(page).toContain(
      `<link rel="alternate" type="application/rss+xml" title="Silk Digest: Energy (RSS)" href="${ORIGIN}/en/topics/energy/feed.xml"/>`,
    );
    expect(page.indexOf('/en/topics/energy/feed.xml')).toBeLessThan(page.indexOf(`${ORIGIN}/en/feed.xml`));
    expect(page).toContain('<a href="/en/topics/energy/feed.atom">Atom</a>');
    expect((await get('/en/topics/no-such-topic/feed.xml')).status).toBe(404);
  });
});

describe('the article page', () => {
  it.each([
    ['en', 'Original, in English'],
    ['uz', 'Silk Digest muharrirlari tarjimasi (asli: ingliz tili)'],
    ['ja', 'シルク・ダイジェスト編集部による翻訳（原文：英語）'],
  ])('%s: says which text is the original and who translated it', async (lang, origin) => {
    expect(await html(`/${lang}/articles/${TOKYO_TALKS}`)).toContain(`<dd>${origin}</dd>`);
  });

  it('labels a machine translation as such', async () => {
    await env.DB.prepare(
      `UPDATE translations SET origin = 'machine' WHERE lang = 'ja' AND document_id = (SELECT id FROM documents WHERE slug = ?1)`,
    )
      .bind(PROSPECTS)
      .run();
    try {
      expect(await html(`/ja/articles/${PROSPECTS}`)).toContain(
        '<dd>機械翻訳（原文：英語）。編集者による確認前です</dd>',
      );
    } finally {
      await env.DB.prepare(
        `UPDATE translations SET origin = 'human' WHERE lang = 'ja' AND document_id = (SELECT id FROM documents WHERE slug = ?1)`,
      )
        .bind(PROSPECTS)
        .run();
    }
  });

  it('lists the other report of the story, related reports, the next story and the reading time', async () => {
    const page = await html(`/en/articles/${TOKYO_TALKS}`);
    const section = (id: string) => new RegExp(`aria-labelledby="${id}">(.*?)</(?:section|nav)>`).exec(page)?.[1] ?? '';
    expect(section('sources-heading')).toContain(`<a href="/en/articles/${PORTFOLIO}">Uzbekistan and Japan sign`);
    // Shares JICA, JBIC and Sojitz; the same story's report is not repeated here.
    expect(section('related-heading')).toContain(`<a href="/en/articles/${PROSPECTS}">`);
    expect(section('related-heading')).not.toContain(PORTFOLIO);
    // Week 51 has one story: next is the top story of the week before (W34).
    expect(section('next-heading')).toContain(`<a href="/en/articles/${PROSPECTS}">`);
    expect(page).toMatch(/<dd>\d+ min read<\/dd>/);
  });
});
