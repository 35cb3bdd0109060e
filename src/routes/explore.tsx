/** Search, topics and entities of one edition (HTTP only). */
import type { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { SLUG_PATTERN } from '../services/ingest.ts';
import { parsePage } from '../services/paging.ts';
import { getEntityStories, listStories, listTopicCounts } from '../db/queries.ts';
import { searchDocuments, type EntityName } from '../db/search.ts';
import { cutSnippets } from '../services/search-snippet.ts';
import { getTranslator } from '../i18n/index.ts';
import { TOPIC_IDS } from '../data/topic-ids.ts';
import { EDITIONS, getContentLanguage, getScript, type Edition } from '../services/languages.ts';
import { selectEntityDescription, selectEntityName } from '../services/entity-text.ts';
import { findCloseNames } from '../services/suggest.ts';
import { parseSearchQuery } from '../services/search-query.ts';
import { StoryListPage, SearchPage, TopicsPage, type SearchSuggestions } from '../views/listing.tsx';
import { editionPath } from '../views/page-context.ts';
import { pageNotFound } from './error-response.tsx';
import { buildPageContext } from './page-helpers.tsx';

const RESULTS_PER_PAGE = 10;

/**
 * Topics with reports, the most reported first; ties keep the vocabulary's order, so the list
 * is the same on every request.
 */
function orderTopicsByCount(counts: ReadonlyMap<string, number>): { topic: string; count: number }[] {
  return TOPIC_IDS.map((topic) => ({ topic, count: counts.get(topic) ?? 0 }))
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count || TOPIC_IDS.indexOf(a.topic) - TOPIC_IDS.indexOf(b.topic));
}

/** Suggestions shown when a search finds nothing. */
const SUGGESTIONS = 6;

/**
 * Topics and entities whose names, in any language or script, are close to the query, as
 * links of this edition. Topic names come from every locale, so a Japanese query in the
 * English edition still finds its topic.
 */
function suggestNames(query: string, entities: readonly EntityName[], lang: Edition): SearchSuggestions['names'] {
  const topics = TOPIC_IDS.map((topic) => ({
    key: `topic:${topic}`,
    names: EDITIONS.map((edition) => getTranslator(edition)(`topics.${topic}`)),
  }));
  const people = entities.map((entity) => ({
    key: `entity:${entity.slug}`,
    names: [entity.nameEn, entity.nameUz, entity.nameJa],
  }));
  const t = getTranslator(lang);
  const contentLang = getContentLanguage(lang);
  const bySlug = new Map(entities.map((entity) => [entity.slug, entity]));
  return findCloseNames(query, [...topics, ...people], SUGGESTIONS).map((key) => {
    const [kind, id = ''] = key.split(':');
    if (kind === 'topic') return { label: t(`topics.${id}`), href: editionPath(lang, `/topics/${id}`) };
    const entity = bySlug.get(id)!;
    return {
      label: getScript(lang)(selectEntityName(entity, contentLang)),
      href: editionPath(lang, `/entities/${id}`),
    };
  });
}

export function registerExploreRoutes(router: Hono<AppEnv>): void {
  router.get('/:lang/search', async (c) => {
    const lang = c.get('lang');
    const pageNumber = parsePage(c.req.query('page'));
    if (pageNumber === null) throw pageNotFound();
    const query = parseSearchQuery(c.req.query('q'));
    const { total, hits, entities, latest } = await searchDocuments(
      c.get('db'),
      query,
      getContentLanguage(lang),
      pageNumber,
      RESULTS_PER_PAGE,
    );
    const pageCount = Math.max(1, Math.ceil(total / RESULTS_PER_PAGE));
    return c.html(
      <SearchPage
        // The query is part of the page: the language switch and the alternates keep it.
        page={buildPageContext(c.req.url, lang, query.text ? `/search?q=${encodeURIComponent(query.text)}` : '/search')}
        query={query.text}
        terms={query.terms}
        hits={cutSnippets(hits, query.terms)}
        total={total}
        pageNumber={pageNumber}
        pageCount={pageCount}
        suggestions={{
          names: total === 0 && query.text ? suggestNames(query.text, entities, lang) : [],
          latest,
        }}
      />,
    );
  });

  router.get('/:lang/topics/', async (c) => {
    const lang = c.get('lang');
    const counts = new Map((await listTopicCounts(c.get('db'))).map((row) => [row.topic, row.count]));
    const topics = orderTopicsByCount(counts);
    return c.html(<TopicsPage page={buildPageContext(c.req.url, lang, '/topics/')} topics={topics} />);
  });

  router.get('/:lang/topics/:topic', async (c) => {
    const lang = c.get('lang');
    const t = c.get('t');
    const topic = c.req.param('topic');
    const pageNumber = parsePage(c.req.query('page'));
    if (!(TOPIC_IDS as readonly string[]).includes(topic) || pageNumber === null) {
      throw pageNotFound();
    }
    const { total, items } = await listStories(c.get('db'), getContentLanguage(lang), pageNumber, RESULTS_PER_PAGE, {
      topic,
    });
    const pageCount = Math.max(1, Math.ceil(total / RESULTS_PER_PAGE));
    if (pageNumber > pageCount) throw pageNotFound();
    const name = t(`topics.${topic}`);
    const basePath = `/${lang}/topics/${topic}`;
    return c.html(
      <StoryListPage
        page={buildPageContext(c.req.url, lang, `/topics/${topic}`)}
        title={t('topicsPage.topicTitle', { topic: name })}
        intro={t('topicsPage.reportCount', { count: total })}
        items={items}
        pageNumber={pageNumber}
        pageCount={pageCount}
        basePath={basePath}
        feed={{ title: t('topicFeed.title', { topic: name }), prefix: basePath }}
      />,
    );
  });

  router.get('/:lang/entities/:slug', async (c) => {
    const lang = c.get('lang');
    const t = c.get('t');
    const slug = c.req.param('slug');
    const pageNumber = parsePage(c.req.query('page'));
    const contentLang = getContentLanguage(lang);
    const found =
      SLUG_PATTERN.test(slug) && pageNumber !== null
        ? await getEntityStories(c.get('db'), slug, contentLang, pageNumber, RESULTS_PER_PAGE)
        : undefined;
    if (!found || pageNumber === null) throw pageNotFound();
    const { entity, stories } = found;
    const { total, items } = stories;
    const pageCount = Math.max(1, Math.ceil(total / RESULTS_PER_PAGE));
    const name = getScript(lang)(selectEntityName(entity, contentLang));
    const description = selectEntityDescription(entity, contentLang);
    return c.html(
      <StoryListPage
        page={buildPageContext(c.req.url, lang, `/entities/${slug}`)}
        title={t('entityPage.title', { name })}
        intro={t('entityPage.intro', { name })}
        description={description === null ? undefined : getScript(lang)(description)}
        facts={t('entityPage.facts', {
          kind: t(`entityKind.${entity.kind}`),
          reports: t('topicsPage.reportCount', { count: total }),
        })}
        items={items}
        pageNumber={pageNumber}
        pageCount={pageCount}
        basePath={`/${lang}/entities/${slug}`}
      />,
    );
  });
}
