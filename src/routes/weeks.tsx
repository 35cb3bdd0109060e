/** Weekly summary pages and the feeds of one edition (HTTP only). */
import type { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { listFeedWeeks, listWeekArchive } from '../db/summaries.ts';
import { getWeekPage } from '../db/week-pages.ts';
import { buildAtom, buildJsonFeed, buildRss, FEED_CONTENT_TYPES, type FeedChannel } from '../services/feeds.ts';
import { isIsoWeek } from '../services/iso-week.ts';
import { LANGUAGE_TAGS } from '../services/languages.ts';
import { editionPath } from '../views/page-context.ts';
import { renderFragment, WeekPage, WeeksArchivePage, WeekSummaryBody } from '../views/week.tsx';
import { toHttpDate } from './conditional.ts';
import { toStableId } from '../services/public-origin.ts';
import { pageNotFound } from './error-response.tsx';
import { buildPageContext } from './page-helpers.tsx';

/** A quarter of weekly items: enough for a reader who polls rarely, without a megabyte feed. */
const FEED_ITEMS = 12;
/** Stories per feed item; the rest are a link away (at 200 reports a week, 20 full items were 3 MiB). */
export const FEED_STORIES = 10;
const ARCHIVE_LIMIT = 520;

/**
 * A list's Last-Modified: its newest row's update or the last change of the content version
 * (migration 0007), whichever is later. The latter moves with every change, deletions
 * included, so the header never goes back while the list changes. ISO strings compare as times.
 */
function latestOf(rows: readonly { updatedAt: string }[], changedAt: string | null): string | null {
  return rows.reduce<string | null>(
    (latest, row) => (latest === null || row.updatedAt > latest ? row.updatedAt : latest),
    changedAt,
  );
}

const FORMATS = { 'feed.xml': 'rss', 'feed.atom': 'atom', 'feed.json': 'json' } as const;
/** The route pattern of a feed's file name; `serializeFeed` takes what it matched. */
export const FEED_FILE = ':feed{feed\\.(?:xml|atom|json)}';

/** The body and content type of a feed, by the file name asked for (feed.xml, feed.atom, feed.json). */
export function serializeFeed(file: string, channel: FeedChannel): [string, string] {
  const format = FORMATS[file as keyof typeof FORMATS];
  if (format === 'rss') return [buildRss(channel), FEED_CONTENT_TYPES.rss];
  if (format === 'atom') return [buildAtom(channel), FEED_CONTENT_TYPES.atom];
  return [buildJsonFeed(channel), FEED_CONTENT_TYPES.json];
}

export function registerWeekRoutes(router: Hono<AppEnv>): void {
  router.get('/:lang/weeks/', async (c) => {
    const lang = c.get('lang');
    const { weeks, changedAt } = await listWeekArchive(c.get('db'), lang, ARCHIVE_LIMIT);
    const newest = latestOf(weeks, changedAt);
    if (newest) c.header('Last-Modified', toHttpDate(newest));
    return c.html(<WeeksArchivePage page={buildPageContext(c.req.url, lang, '/weeks/')} weeks={weeks} />);
  });

  router.get('/:lang/weeks/:week', async (c) => {
    const lang = c.get('lang');
    const week = c.req.param('week');
    const found = isIsoWeek(week) ? await getWeekPage(c.get('db'), week, lang) : undefined;
    if (!found) throw pageNotFound('weekNotFound');
    const { row, previous, next } = found;
    c.header('Last-Modified', toHttpDate(row.updatedAt));
    const summary = row.content;
    return c.html(
      <WeekPage
        page={buildPageContext(c.req.url, lang, `/weeks/${week}`)}
        summary={summary}
        publishedAt={row.firstPublishedAt}
        updatedAt={row.updatedAt}
        previous={previous}
        next={next}
      />,
    );
  });

  router.get(`/:lang/${FEED_FILE}`, async (c) => {
    const lang = c.get('lang');
    const t = c.get('t');
    const origin = new URL(c.req.url).origin;
    const { weeks: rows, changedAt } = await listFeedWeeks(c.get('db'), lang, FEED_ITEMS, FEED_STORIES);
    const items = await Promise.all(
      rows.map(async (row) => {
        const url = origin + editionPath(lang, `/weeks/${row.week}`);
        const html = await renderFragment(
          <WeekSummaryBody
            summary={row.summary}
            t={t}
            lang={lang}
            origin={origin}
            storyLimit={FEED_STORIES}
            storyTotal={row.storyTotal}
          />,
        );
        // The id is the week's URL in this edition: stable across rebuilds and schemes, unique per language.
        return {
          id: toStableId(url),
          url,
          title: row.title,
          summaryText: row.summaryText,
          contentHtml: html,
          publishedAt: row.firstPublishedAt,
          updatedAt: row.updatedAt,
          categories: row.summary.topicCounts.map((topic) => ({ term: topic.topic, label: topic.label })),
        };
      }),
    );
    const updatedAt = rows.reduce(
      (latest, row) => (row.updatedAt > latest ? row.updatedAt : latest),
      '1970-01-01T00:00:00.000Z',
    );
    const channel: FeedChannel = {
      lang: LANGUAGE_TAGS[lang],
      title: t('feed.title'),
      description: t('feed.description'),
      homeUrl: origin + editionPath(lang, '/weeks/'),
      urls: {
        rss: origin + editionPath(lang, '/feed.xml'),
        atom: origin + editionPath(lang, '/feed.atom'),
        json: origin + editionPath(lang, '/feed.json'),
      },
      updatedAt,
      hub: c.env.WEBSUB_HUB || undefined,
      items,
    };
    const [body, type] = serializeFeed(c.req.param('feed'), channel);
    // Not the newest item's time alone: deleting that item would move it back, and a client that
    // sends only If-Modified-Since would never see the change.
    const lastModified = latestOf(rows, changedAt);
    if (lastModified) c.header('Last-Modified', toHttpDate(lastModified));
    return c.body(body, 200, { 'Content-Type': type });
  });
}
