/**
 * A feed item carries the week's top stories only (FEED_STORIES), then a link to the full
 * summary: at 200 reports a week, twenty complete summaries made a 3 MiB feed.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../src/db/client.ts';
import { weeklySummaries } from '../src/db/schema.ts';
import { createD1Stats, instrumentSession } from '../src/db/session.ts';
import { listFeedWeeks } from '../src/db/summaries.ts';
import { getTranslator } from '../src/i18n/index.ts';
import { FEED_STORIES } from '../src/routes/weeks.tsx';
import type { Edition } from '../src/services/languages.ts';
import type { Story, WeeklySummaryContent } from '../src/services/weekly-summary.ts';
import { renderFragment, WeekSummaryBody } from '../src/views/week.tsx';
import { get } from './helpers/http.ts';

const ORIGIN = 'https://digest.example';

function story(n: number): Story {
  return {
    headline: `Story number ${n}`,
    textLang: 'en',
    sentences: [`Sentence of story ${n}.`],
    sources: [
      {
        slug: `story-${n}`,
        name: 'Example News',
        url: `https://news.example/${n}`,
        headline: `Report ${n}`,
        publishedOn: '2025-12-15',
      },
    ],
    topics: ['energy'],
    publishedOn: '2025-12-15',
  };
}

function summaryOf(count: number): WeeklySummaryContent {
  return {
    week: '2025-W51',
    lang: 'en',
    title: 'Week 51',
    intro: 'Intro.',
    documentCount: count,
    sourceCount: count,
    stories: Array.from({ length: count }, (_, i) => story(i + 1)),
    topicCounts: [],
    // A figure from the first story and one from the last: only the first is in the feed item.
    figures: [
      { value: 1e9, display: '$1 billion', story: 0 },
      { value: 2e9, display: '$2 billion', story: count - 1 },
    ],
  };
}

async function render(summary: WeeklySummaryContent, lang: Edition, storyLimit?: number): Promise<string> {
  const t = getTranslator(lang);
  return renderFragment(
    <WeekSummaryBody summary={summary} t={t} lang={lang} origin={ORIGIN} storyLimit={storyLimit} />,
  );
}

const countStories = (html: string) => html.match(/<article class="story[ "]/g)?.length ?? 0;

describe('feed items of a busy week', () => {
  it('keep the top stories and link to the rest, in the reader’s language with plurals', async () => {
    const summary = summaryOf(FEED_STORIES + 3);
    const expected: Record<Edition, string> = {
      en: '3 more stories of this week are in the full summary.',
      uz: 'Haftaning yana 3 ta voqeasi toʻliq sharhda.',
      'uz-Cyrl': 'Ҳафтанинг яна 3 та воқеаси тўлиқ шарҳда.',
      ja: '今週のほかの3件のニュースは、まとめの全文でお読みいただけます。',
    };
    for (const lang of Object.keys(expected) as Edition[]) {
      const html = await render(summary, lang, FEED_STORIES);
      expect(countStories(html)).toBe(FEED_STORIES);
      expect(html).toContain(`Story number ${FEED_STORIES}<`);
      expect(html).not.toContain(`Story number ${FEED_STORIES + 1}<`);
      expect(html).toContain(`<a href="${ORIGIN}/${lang}/weeks/2025-W51">${expected[lang]}</a>`);
      expect(html).toContain('$1 billion');
      expect(html).not.toContain('$2 billion');
    }
    expect(await render(summaryOf(FEED_STORIES + 1), 'en', FEED_STORIES)).toContain(
      'One more story of this week is in the full summary.',
    );
  });

  it('are whole when the week is small, and the week page always is', async () => {
    const small = await render(summaryOf(FEED_STORIES), 'en', FEED_STORIES);
    expect(countStories(small)).toBe(FEED_STORIES);
    expect(small).not.toContain('full summary');
    const page = await render(summaryOf(FEED_STORIES + 5), 'en');
    expect(countStories(page)).toBe(FEED_STORIES + 5);
    expect(page).toContain('$2 billion');
  });
});

describe('a feed read from D1', () => {
  it('gets only the top stories of each week from SQL, in order, and how many there were', async () => {
    const db = createDb(env.DB);
    const busy = summaryOf(FEED_STORIES + 15);
    await db.insert(weeklySummaries).values({
      week: '2025-W51',
      lang: 'en',
      title: busy.title,
      summaryText: 'Twenty-five stories.',
      content: busy,
      contentHash: 'test',
      sourceHash: 'test',
      firstPublishedAt: '2025-12-22T06:00:00.000Z',
      updatedAt: '2025-12-22T06:00:00.000Z',
    });

    const stats = createD1Stats();
    const counted = createDb(instrumentSession(env.DB.withSession('first-unconstrained'), stats));
    const {
      weeks: [row, ...others],
    } = await listFeedWeeks(counted, 'en', 12, FEED_STORIES);
    expect(others).toEqual([]);
    // One row read for one week, however many stories it has (D1 bills json_each's rows), and
    // the one site_state row that keeps Last-Modified from going back.
    expect(stats.rowsRead).toBe(2);
    expect(row?.storyTotal).toBe(FEED_STORIES + 15);
    const trimmed = row?.summary ?? summaryOf(0);
    expect(trimmed.stories.map((s) => s.headline)).toEqual(busy.stories.slice(0, FEED_STORIES).map((s) => s.headline));
    // Everything but the story list is the stored summary, unchanged.
    expect({ ...trimmed, stories: [] }).toEqual({ ...busy, stories: [] });

    const feed = await (await get('/en/feed.xml')).text();
    const headlines = [...feed.matchAll(/<h2><a [^>]*>(Story number \d+)<\/a><\/h2>/g)].map((m) => m[1]);
    expect(headlines).toEqual(busy.stories.slice(0, FEED_STORIES).map((s) => s.headline));
    expect(feed).toContain('15 more stories of this week are in the full summary.');
  });
});
