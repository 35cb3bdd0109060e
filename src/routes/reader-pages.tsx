/** The subscribe and about pages, and the feeds of one topic (HTTP only). */
import type { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { listStories } from '../db/queries.ts';
import { TOPIC_IDS } from '../data/topic-ids.ts';
import type { FeedChannel, FeedItem } from '../services/feeds.ts';
import { getContentLanguage, LANGUAGE_TAGS } from '../services/languages.ts';
import { AboutPage } from '../views/about.tsx';
import { editionPath } from '../views/page-context.ts';
import { SubscribePage } from '../views/subscribe.tsx';
import { TopicFeedItemBody } from '../views/topic-feed.tsx';
import { renderFragment } from '../views/week.tsx';
import { toStableId } from '../services/public-origin.ts';
import { toHttpDate } from './conditional.ts';
import { pageNotFound } from './error-response.tsx';
import { buildPageContext } from './page-helpers.tsx';
import { FEED_FILE, serializeFeed } from './weeks.tsx';

/** The newest reports of a topic in its feeds: a few months of a busy topic. */
const TOPIC_FEED_ITEMS = 20;

export function registerReaderPages(router: Hono<AppEnv>): void {
  // Neither page reads D1: they cost no round trip, and the cache does not keep them (nothing to save).
  router.get('/:lang/subscribe', (c) =>
    c.html(<SubscribePage page={buildPageContext(c.req.url, c.get('lang'), '/subscribe')} />),
  );
  router.get('/:lang/about', (c) => c.html(<AboutPage page={buildPageContext(c.req.url, c.get('lang'), '/about')} />));

  router.get(`/:lang/topics/:topic/${FEED_FILE}`, async (c) => {
    const lang = c.get('lang');
    const t = c.get('t');
    const topic = c.req.param('topic');
    if (!(TOPIC_IDS as readonly string[]).includes(topic)) {
      throw pageNotFound();
    }
    const origin = new URL(c.req.url).origin;
    const page = buildPageContext(c.req.url, lang, `/topics/${topic}`);
    const { items, lastModified } = await listStories(c.get('db'), getContentLanguage(lang), 1, TOPIC_FEED_ITEMS, {
      topic,
    });
    const feedItems: FeedItem[] = await Promise.all(
      items.map(async (item) => {
        // The article's URL in this edition: stable, unique per language, the same in every format.
        const url = origin + editionPath(lang, `/articles/${item.slug}`);
        const show = item.isFallback ? (text: string) => text : page.script;
        return {
          // Scheme-free, like the weekly feeds' ids (public-origin.ts).
          id: toStableId(url),
          url,
          title: show(item.headline),
          summaryText: show(item.summary),
          contentHtml: await renderFragment(<TopicFeedItemBody page={page} item={item} url={url} />),
          // A report's publication is a calendar date: midnight UTC of it, the same on every request.
          publishedAt: `${item.publishedOn}T00:00:00.000Z`,
          updatedAt: new Date(item.updatedAt).toISOString(),
          categories: item.topics.map((id) => ({ term: id, label: t(`topics.${id}`) })),
        };
      }),
    );
    const prefix = origin + editionPath(lang, `/topics/${topic}`);
    const name = t(`topics.${topic}`);
    const updatedAt = feedItems.reduce(
      (latest, item) => (item.updatedAt > latest ? item.updatedAt : latest),
      '1970-01-01T00:00:00.000Z',
    );
    const channel: FeedChannel = {
      lang: LANGUAGE_TAGS[lang],
      title: t('topicFeed.title', { topic: name }),
      description: t('topicFeed.description', { topic: name }),
      homeUrl: prefix,
      urls: { rss: `${prefix}/feed.xml`, atom: `${prefix}/feed.atom`, json: `${prefix}/feed.json` },
      updatedAt,
      hub: c.env.WEBSUB_HUB || undefined,
      items: feedItems,
    };
    const [body, type] = serializeFeed(c.req.param('feed'), channel);
    if (lastModified) c.header('Last-Modified', toHttpDate(lastModified));
    return c.body(body, 200, { 'Content-Type': type });
  });
}
