import type { Child } from 'hono/jsx';
import type { StoryListItem } from '../db/queries.ts';
import type { LatestStory, SearchHit } from '../db/search.ts';
import { SNIPPET_END, SNIPPET_START } from '../services/search-snippet.ts';
import { formatDate } from '../services/format.ts';
import { OutletName } from './outlet-name.tsx';
import { getContentLanguage, isEdition, tagForText } from '../services/languages.ts';
import { StoryTeaser } from './home.tsx';
import { Layout, type PageFeed } from './layout.tsx';
import { editionPath, type PageContext } from './page-context.ts';
import { Pager } from './pager.tsx';

/** A snippet with FTS5's match markers, or matched terms found here, as <mark>; everything else escaped by JSX. */
function Highlighted({ text, terms }: { text: string; terms: string[] }): Child {
  if (text.includes(SNIPPET_START)) {
    return text.split(SNIPPET_START).map((part, index) => {
      if (index === 0) return part;
      const [marked = '', rest = ''] = part.split(SNIPPET_END);
      return (
        <>
          <mark>{marked}</mark>
          {rest}
        </>
      );
    });
  }
  const lower = text.toLowerCase();
  const pieces: Child[] = [];
  let cursor = 0;
  while (cursor < text.length) {
    let next = -1;
    let length = 0;
    for (const term of terms) {
      const at = lower.indexOf(term.toLowerCase(), cursor);
      if (at !== -1 && (next === -1 || at < next)) {
        next = at;
        length = term.length;
      }
    }
    if (next === -1 || length === 0) {
      pieces.push(text.slice(cursor));
      break;
    }
    pieces.push(text.slice(cursor, next), <mark>{text.slice(next, next + length)}</mark>);
    cursor = next + length;
  }
  return pieces;
}

/** What a search that found nothing offers instead: close names, then the latest stories. */
export interface SearchSuggestions {
  /** Topics and entities whose names are close to the query, as link text and path. */
  names: { label: string; href: string; lang?: string }[];
  latest: LatestStory[];
}

export function SearchPage({
  page,
  query,
  terms,
  hits,
  total,
  pageNumber,
  pageCount,
  suggestions,
}: {
  page: PageContext;
  query: string;
  terms: string[];
  hits: SearchHit[];
  total: number;
  pageNumber: number;
  pageCount: number;
  suggestions: SearchSuggestions;
}) {
  const { t, lang, tag, contentLang, script } = page;
  const title = query ? t('search.resultsFor', { query }) : t('search.title');
  return (
    <Layout page={page} title={title} description={t('search.empty')} robots="noindex" query={query}>
      <h1>{title}</h1>
      {!query ? (
        <section aria-labelledby="search-help">
          <p>{t('search.empty')}</p>
          <h2 id="search-help">{t('search.helpHeading')}</h2>
          <ul>
            <li>{t('search.helpAnyLanguage')}</li>
            <li>{t('search.helpScripts')}</li>
            <li>{t('search.helpWords')}</li>
          </ul>
        </section>
      ) : null}
      {query && total === 0 ? <p role="status">{t('search.none', { query })}</p> : null}
      {query && total === 0 && suggestions.names.length > 0 ? (
        <section aria-labelledby="search-suggestions">
          <h2 id="search-suggestions">{t('search.suggestionsHeading')}</h2>
          <ul class="chips">
            {suggestions.names.map((name) => (
              <li>
                <a href={name.href} lang={name.lang}>
                  {name.label}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {query && total === 0 && suggestions.latest.length > 0 ? (
        <section aria-labelledby="search-latest">
          <h2 id="search-latest">{t('search.latestHeading')}</h2>
          <ul>
            {suggestions.latest.map((story) => (
              <li>
                <a
                  href={editionPath(lang, `/articles/${story.slug}`)}
                  lang={story.isFallback ? tagForText(story.textLanguage, lang) : undefined}
                >
                  {story.isFallback ? story.headline : script(story.headline)}
                </a>{' '}
                <time class="meta" datetime={story.publishedOn}>
                  {formatDate(tag, story.publishedOn)}
                </time>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {total > 0 ? <p role="status">{t('search.count', { count: total })}</p> : null}
      {hits.map((hit) => (
        <article class="story">
          <h2 class="result" lang={hit.isFallback ? tagForText(hit.textLanguage, lang) : undefined}>
            <a href={editionPath(lang, `/articles/${hit.slug}`)}>
              {hit.isFallback ? hit.headline : script(hit.headline)}
            </a>
          </h2>
          <p class="meta">
            <time datetime={hit.publishedOn}>{formatDate(tag, hit.publishedOn)}</time> ·{' '}
            <OutletName lang={lang} name={hit.sourceName} />
            {hit.snippetLanguage !== contentLang && isEdition(hit.snippetLanguage)
              ? ` · ${t('search.matchIn', { language: t(`languageNames.${getContentLanguage(hit.snippetLanguage)}`) })}`
              : null}
          </p>
          <p lang={hit.snippetLanguage !== contentLang ? tagForText(hit.snippetLanguage, lang) : undefined}>
            <Highlighted text={hit.snippetLanguage === contentLang ? script(hit.snippet) : hit.snippet} terms={terms} />
          </p>
        </article>
      ))}
      <Pager
        page={page}
        pageNumber={pageNumber}
        pageCount={pageCount}
        path={(n) => `${editionPath(lang, '/search')}?q=${encodeURIComponent(query)}&page=${n}`}
      />
    </Layout>
  );
}

export function StoryListPage({
  page,
  title,
  intro,
  items,
  pageNumber,
  pageCount,
  basePath,
  facts,
  description,
  feed,
}: {
  page: PageContext;
  title: string;
  intro: string;
  /** One line of what the page is about ("Place · 3 reports"), shown under the title. */
  facts?: string;
  /** What the page's subject is (an entity's description): under the facts, and the meta description. */
  description?: string;
  items: StoryListItem[];
  pageNumber: number;
  pageCount: number;
  basePath: string;
  /** The page's own feeds (a topic's): announced in the head and linked under the intro. */
  feed?: PageFeed;
}) {
  const { t, lang } = page;
  return (
    <Layout page={page} title={title} description={description ?? intro} feed={feed}>
      <h1>{title}</h1>
      {facts ? <p class="meta">{facts}</p> : null}
      {description ? <p class="entity-description">{description}</p> : null}
      <p>{intro}</p>
      {feed ? (
        <p class="meta follow">
          {t('topicFeed.follow')}
          {t('punct.colon')}
          <a href={`${feed.prefix}/feed.xml`}>RSS</a> · <a href={`${feed.prefix}/feed.atom`}>Atom</a> ·{' '}
          <a href={`${feed.prefix}/feed.json`}>JSON Feed</a> ·{' '}
          <a href={editionPath(lang, '/subscribe')}>{t('subscribe.footerLink')}</a>
        </p>
      ) : null}
      {items.map((item) => (
        <StoryTeaser page={page} item={item} level={2} />
      ))}
      <Pager
        page={page}
        pageNumber={pageNumber}
        pageCount={pageCount}
        path={(n) => (n === 1 ? basePath : `${basePath}?page=${n}`)}
      />
    </Layout>
  );
}

export function TopicsPage({ page, topics }: { page: PageContext; topics: { topic: string; count: number }[] }) {
  const { t, lang } = page;
  return (
    <Layout page={page} title={t('topicsPage.title')} description={t('topicsPage.intro')}>
      <h1>{t('topicsPage.title')}</h1>
      <p>{t('topicsPage.intro')}</p>
      <ul>
        {topics.map((entry) => (
          <li>
            <a href={editionPath(lang, `/topics/${entry.topic}`)}>{t(`topics.${entry.topic}`)}</a>
            {/* The space before "(" (none before Japanese "（") stays outside the grey count. */}
            {t('punct.open').startsWith(' ') ? ' ' : ''}
            <span class="meta">
              {t('punct.open').trimStart() + t('topicsPage.reportCount', { count: entry.count }) + t('punct.close')}
            </span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
