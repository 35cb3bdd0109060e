/**
 * The ingestion workflow: one poll of one source, from its feed to stored documents.
 * robots.txt → conditional GET of the feed (304 costs one request) → parse → drop the items
 * already seen (GUID, normalised URL, content hash) → per new item: the feed's own full text or
 * the article page (robots, one request at a time per host, capped) → relevance → rights →
 * store through the editorial path → one batch recording the source's health and every item.
 *
 * Subrequests are bounded per poll (`MAX_PAGES_PER_POLL` pages plus the feed and robots.txt
 * files), so a queue message (one source) stays well under the Free plan's 50; items left over
 * are not recorded and come back at the next poll.
 */
import type { Database } from '../../db/client.ts';
import {
  isContentKnown,
  loadKnownItems,
  recordPoll,
  type PollHealth,
  type SeenItem,
  type Source,
} from '../../db/sources.ts';
import { hashBytes, hashText } from '../../services/hash.ts';
import { chooseTopics } from '../../services/topic-rules.ts';
import { decodeText } from './decode-charset.ts';
import { extractArticle, type ExtractedArticle } from './extract-article.ts';
import { parseFeedText, type FeedEntry } from './parse-feed.ts';
import {
  computeNextPoll,
  countItemsPerWeek,
  MAX_FAILURES,
  parseMaxAge,
  parseRetryAfter,
  type ScheduleInput,
} from './poll-schedule.ts';
import {
  FEED_MAX_BYTES,
  FEED_TYPES,
  fetchPolitely,
  FetchError,
  HostQueue,
  PAGE_MAX_BYTES,
  PAGE_TYPES,
  type FetchFunction,
} from './polite-fetch.ts';
import { normalizeItemUrl, prepareItem } from './prepare-item.ts';
import { isAboutUzbekistanAndJapan } from './relevance.ts';
import { RobotsCache } from './robots.ts';
import { storeIngestedDocument } from './store-document.ts';
import { translateRussianItem, type ItemTranslator } from './translate-item.ts';
import { findEntities, loadEntityNames, readStoredBody, type EntityNames } from './tag-entities.ts';

/** Article pages fetched per poll: with the feed and a few robots.txt, under 50 subrequests. */
const MAX_PAGES_PER_POLL = 40;
/** A feed's `content:encoded` counts as the whole article from this much text on. */
const FULL_TEXT_MIN_CHARS = 500;

type SkipReason =
  | 'duplicate'
  | 'not_relevant'
  | 'robots'
  | 'too_large'
  | 'not_html'
  | 'fetch_failed'
  | 'no_text'
  | 'no_edition'
  | 'untranslatable'
  | 'translation_failed';

export interface PollReport {
  status: 'ok' | 'not_modified' | 'error';
  httpStatus: number | null;
  itemsSeen: number;
  accepted: { documentId: number; slug: string; url: string }[];
  skipped: { url: string; reason: SkipReason }[];
  error?: string;
  /** Subrequests this poll made (feed, robots.txt, redirects, pages). */
  subrequests: number;
  /** ISO weeks that received a document (their summaries are stale now). */
  weeks: string[];
}

export interface PollDeps {
  db: Database;
  fetch: FetchFunction;
  allowPrivate: boolean;
  now?: () => number;
  robots?: RobotsCache;
  hosts?: HostQueue;
  maxPages?: number;
  /** Workers AI and its model: items of a language with no edition (Russian) are translated. */
  translator?: ItemTranslator | undefined;
}

/** Reasons that may pass on a later poll: such items are not remembered, so they are retried. */
const TRANSIENT: ReadonlySet<SkipReason> = new Set(['fetch_failed', 'translation_failed']);

type Article = Omit<ExtractedArticle, 'method'> & { rawHash: string };

class Skip extends Error {
  readonly reason: SkipReason;

  constructor(reason: SkipReason) {
    super(reason);
    this.reason = reason;
  }
}

async function readFullTextFromFeed(entry: FeedEntry, pageUrl: string): Promise<Article | null> {
  const html = entry.contentHtml;
  if (!html || html.replace(/<[^>]*>/g, '').trim().length < FULL_TEXT_MIN_CHARS) return null;
  const article = await extractArticle(`<html><body><article>${html}</article></body></html>`, pageUrl);
  if (article.blocks.length === 0) return null;
  return { ...article, headline: entry.title ?? article.headline, rawHash: await hashText(html) };
}

/** The item as stored: prepared in its own language, or (Russian) translated; else skipped. */
async function prepareStoredItem(
  translator: ItemTranslator | undefined,
  source: Source,
  headline: string,
  blocks: ExtractedArticle['blocks'],
  spend: (calls: number) => void,
) {
  if (source.language !== 'ru') {
    const item = await prepareItem(source.language, source.rights, headline, blocks);
    if (!item) throw new Skip('no_edition');
    return item;
  }
  if (!translator) throw new Skip('no_edition');
  const translated = await translateRussianItem(translator, source.rights, headline, blocks);
  spend(translated.calls);
  if (translated.status !== 'translated') {
    throw new Skip(translated.status === 'rejected' ? 'untranslatable' : 'translation_failed');
  }
  return translated.item;
}

export async function pollSource(deps: PollDeps, source: Source): Promise<PollReport> {
  const now = deps.now ?? Date.now;
  const robots = deps.robots ?? new RobotsCache(deps.fetch, deps.allowPrivate, now);
  const hosts = deps.hosts ?? new HostQueue();
  const startedAt = new Date(now()).toISOString();
  const robotsBefore = robots.requests;
  let subrequests = 0;
  const report: PollReport = {
    status: 'ok',
    httpStatus: null,
    itemsSeen: 0,
    accepted: [],
    skipped: [],
    subrequests: 0,
    weeks: [],
  };

  /** The poll's one write: health, schedule and the items looked at. */
  const record = (
    status: number | null,
    schedule: Omit<ScheduleInput, 'now'>,
    health: Partial<PollHealth> = {},
    items: readonly SeenItem[] = [],
  ) =>
    recordPoll(
      deps.db,
      source.id,
      {
        polledAt: startedAt,
        status,
        error: null,
        consecutiveFailures: schedule.consecutiveFailures,
        nextPollAt: new Date(computeNextPoll({ now: now(), ...schedule })).toISOString(),
        enabled: true,
        etag: source.etag,
        lastModified: source.lastModified,
        seen: 0,
        accepted: 0,
        skipped: 0,
        ...health,
      },
      items,
    );

  const fail = async (message: string, status: number | null, retryAfter: number | null): Promise<PollReport> => {
    const failures = source.consecutiveFailures + 1;
    const disabled = failures >= MAX_FAILURES;
    await record(
      status,
      { itemsPerWeek: null, retryAfterSeconds: retryAfter, consecutiveFailures: failures },
      {
        error: disabled ? `disabled after ${failures} failures in a row; last: ${message}` : message,
        enabled: !disabled,
      },
    );
    return {
      ...report,
      status: 'error',
      httpStatus: status,
      error: message,
      subrequests: subrequests + robots.requests - robotsBefore,
    };
  };

  if (!(await robots.isAllowed(source.feedUrl))) return fail('robots.txt disallows the feed', null, null);
  let feedResponse;
  try {
    feedResponse = await hosts.run(source.feedUrl, () =>
      fetchPolitely(source.feedUrl, {
        fetch: deps.fetch,
        allowPrivate: deps.allowPrivate,
        maxBytes: FEED_MAX_BYTES,
        accept: FEED_TYPES,
        acceptHeader:
          'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5',
        failure: 'not_feed',
        etag: source.etag,
        lastModified: source.lastModified,
      }),
    );
  } catch (error) {
    subrequests += 1;
    return fail(
      error instanceof Error ? error.message : String(error),
      error instanceof FetchError ? error.status : null,
      null,
    );
  }
  subrequests += feedResponse.requests;
  const { headers, status } = feedResponse;
  report.httpStatus = status;
  const retryAfter = parseRetryAfter(headers.get('Retry-After'), now());
  if (status >= 400) return fail(`the feed answered ${status}`, status, retryAfter);

  const maxAgeSeconds = parseMaxAge(headers.get('Cache-Control'));
  if (status === 304) {
    await record(status, { itemsPerWeek: null, maxAgeSeconds, consecutiveFailures: 0 });
    return { ...report, status: 'not_modified', subrequests: subrequests + robots.requests - robotsBefore };
  }

  let feed;
  try {
    feed = parseFeedText(decodeText(feedResponse.bytes, headers.get('Content-Type')));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), status, null);
  }
  report.itemsSeen = feed.entries.length;

  const entries = feed.entries.flatMap((entry) => {
    const url = entry.url ? normalizeItemUrl(new URL(entry.url, feedResponse.url).href) : null;
    return url ? [{ entry, url, key: entry.guid ?? url }] : [];
  });
  const known = await loadKnownItems(
    deps.db,
    source.id,
    entries.map((candidate) => candidate.key),
    entries.map((candidate) => candidate.url),
  );
  let entityNames: EntityNames | null = null;
  const seen: SeenItem[] = [];
  const maxPages = deps.maxPages ?? MAX_PAGES_PER_POLL;
  let pages = 0;

  for (const { entry, url, key } of entries) {
    if (known.keys.has(key)) continue;
    const remember = (outcome: string, contentHash: string | null = null, documentId: number | null = null) => {
      seen.push({ key, url, contentHash, outcome, documentId });
      known.keys.add(key);
      known.urls.add(url);
    };
    if (known.urls.has(url)) {
      report.skipped.push({ url, reason: 'duplicate' });
      remember('duplicate');
      continue;
    }
    try {
      let article = await readFullTextFromFeed(entry, url);
      if (!article) {
        if (pages >= maxPages) continue; // next poll
        pages += 1;
        if (!(await robots.isAllowed(url))) throw new Skip('robots');
        const page = await hosts
          .run(url, () =>
            fetchPolitely(url, {
              fetch: deps.fetch,
              allowPrivate: deps.allowPrivate,
              maxBytes: PAGE_MAX_BYTES,
              accept: PAGE_TYPES,
              acceptHeader: 'text/html, application/xhtml+xml;q=0.9',
              failure: 'not_html',
            }),
          )
          .catch((error: unknown) => {
            subrequests += 1;
            if (error instanceof FetchError) {
              throw new Skip(
                error.reason === 'too_large' || error.reason === 'not_html' ? error.reason : 'fetch_failed',
              );
            }
            throw error;
          });
        subrequests += page.requests;
        if (page.status !== 200) throw new Skip('fetch_failed');
        const extracted = await extractArticle(decodeText(page.bytes, page.headers.get('Content-Type')), page.url);
        article = { ...extracted, rawHash: await hashBytes(page.bytes) };
      }
      // A feed's item title is cleaner than a bare <title> (which carries the site's name).
      const preferFeed = article.headlineFrom === 'title' || article.headlineFrom === null;
      const headline = ((preferFeed ? entry.title : null) ?? article.headline ?? entry.title ?? '').trim();
      const paragraphs = article.blocks.map((block) => block.text);
      if (headline === '' || paragraphs.length === 0) throw new Skip('no_text');
      if (!isAboutUzbekistanAndJapan({ headline, paragraphs, alwaysRelevant: source.alwaysRelevant })) {
        throw new Skip('not_relevant');
      }
      const item = await prepareStoredItem(deps.translator, source, headline, article.blocks, (calls) => {
        subrequests += calls;
      });
      if (known.hashes.has(item.contentHash) || (await isContentKnown(deps.db, item.contentHash))) {
        throw new Skip('duplicate');
      }
      const canonical = article.canonicalUrl ? normalizeItemUrl(article.canonicalUrl) : url;
      const published = article.publishedAt ?? entry.publishedAt ?? startedAt;
      entityNames ??= await loadEntityNames(deps.db);
      const found = findEntities(entityNames, readStoredBody(headline, article.blocks, url));
      const outcome = await storeIngestedDocument(
        deps.db,
        {
          item,
          sourceName: source.name,
          sourceUrl: canonical,
          publishedOn: published.slice(0, 10),
          topics: chooseTopics(headline, paragraphs),
          entities: found,
          provenance: {
            sourceId: source.id,
            itemGuid: entry.guid,
            itemUrl: url,
            fetchedAt: new Date(now()).toISOString(),
            rawHash: article.rawHash,
            rights: source.rights,
            author: article.author ?? entry.author,
            leadImageUrl: article.imageUrl ?? entry.imageUrl,
            leadImageCredit: article.imageCredit,
            originalCyrillic: item.originalCyrillic,
          },
        },
        new Date(now()).toISOString(),
      );
      known.hashes.add(item.contentHash);
      if (outcome.status === 'no_text') throw new Skip('no_text');
      if (outcome.status !== 'created') {
        report.skipped.push({ url, reason: 'duplicate' });
        remember(outcome.status, item.contentHash, outcome.documentId);
        continue;
      }
      report.accepted.push({ documentId: outcome.documentId, slug: outcome.slug, url: canonical });
      if (!report.weeks.includes(outcome.isoWeek)) report.weeks.push(outcome.isoWeek);
      remember('accepted', item.contentHash, outcome.documentId);
    } catch (error) {
      if (!(error instanceof Skip)) throw error;
      report.skipped.push({ url, reason: error.reason });
      if (!TRANSIENT.has(error.reason)) remember(error.reason);
    }
  }

  const itemsPerWeek = countItemsPerWeek(
    feed.entries.map((entry) => entry.publishedAt),
    now(),
  );
  await record(
    status,
    { itemsPerWeek, ttlMinutes: feed.ttlMinutes, maxAgeSeconds, retryAfterSeconds: retryAfter, consecutiveFailures: 0 },
    {
      etag: headers.get('ETag'),
      lastModified: headers.get('Last-Modified'),
      seen: feed.entries.length,
      accepted: report.accepted.length,
      skipped: report.skipped.length,
    },
    seen,
  );
  return { ...report, subrequests: subrequests + robots.requests - robotsBefore };
}
