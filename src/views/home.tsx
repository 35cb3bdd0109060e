import type { StoryListItem } from '../db/queries.ts';
import { formatDate, formatWeekDates } from '../services/format.ts';
import { OutletName } from './outlet-name.tsx';
import { getWeekRange } from '../services/iso-week.ts';
import { tagForText } from '../services/languages.ts';
import type { Story } from '../services/weekly-summary.ts';
import { Layout } from './layout.tsx';
import { editionPath, type PageContext } from './page-context.ts';
import { leadSlugOf } from './week.tsx';
import { Pager } from './pager.tsx';

interface HomeProps {
  page: PageContext;
  items: StoryListItem[];
  pageNumber: number;
  pageCount: number;
  /** The top story of the newest week's summary, shown first on page 1. */
  topStory: { week: string; story: Story } | null;
}

/** The week's top story, large, with its summary and how many sources reported it. */
function TopStory({ page, week, story }: { page: PageContext; week: string; story: Story }) {
  const { t, lang } = page;
  const foreign = story.textLang !== lang;
  const textTag = foreign ? tagForText(story.textLang, lang) : undefined;
  const [year, number] = week.split('-W');
  return (
    <section class="top-story" aria-labelledby="top-story">
      <p class="meta" id="top-story">
        {t('home.topStory', { week: t('home.week', { week: Number(number), year }) })}
      </p>
      <h2 lang={textTag}>
        <a href={editionPath(lang, `/articles/${leadSlugOf(story)}`)}>{story.headline}</a>
      </h2>
      <p lang={textTag}>{story.sentences.join(story.textLang === 'ja' ? '' : ' ')}</p>
      <p class="meta">
        {t('weekly.sourceCount', { count: story.sources.length })} ·{' '}
        <a href={editionPath(lang, `/weeks/${week}`)}>{t('weekly.read')}</a>
      </p>
    </section>
  );
}

function groupByWeek(items: StoryListItem[]): { week: string; items: StoryListItem[] }[] {
  const groups: { week: string; items: StoryListItem[] }[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last?.week === item.isoWeek) last.items.push(item);
    else groups.push({ week: item.isoWeek, items: [item] });
  }
  return groups;
}

/**
 * `level` is the teaser headline's heading level: 3 under the home page's week headings, 2 on
 * listings whose stories follow the h1 directly (a skipped level confuses screen-reader navigation).
 */
export function StoryTeaser({ page, item, level = 3 }: { page: PageContext; item: StoryListItem; level?: 2 | 3 }) {
  const { t, lang, tag, script } = page;
  const Heading = level === 2 ? 'h2' : 'h3';
  const textTag = tagForText(item.textLanguage, lang);
  const show = item.isFallback ? (text: string) => text : script;
  return (
    <article class="story">
      <Heading lang={item.isFallback ? textTag : undefined}>
        <a href={editionPath(lang, `/articles/${item.slug}`)}>{show(item.headline)}</a>
      </Heading>
      <p class="meta">
        <time datetime={item.publishedOn}>{formatDate(tag, item.publishedOn)}</time> ·{' '}
        <OutletName lang={page.lang} name={item.sourceName} />
      </p>
      {item.isFallback ? <p class="meta">{t('article.fallback')}</p> : null}
      <p lang={item.isFallback ? textTag : undefined}>{show(item.summary)}</p>
      <ul class="chips" aria-label={t('article.topics')}>
        {item.topics.map((topic) => (
          <li>
            <a href={editionPath(lang, `/topics/${topic}`)}>{t(`topics.${topic}`)}</a>
          </li>
        ))}
      </ul>
    </article>
  );
}

export function HomePage({ page, items, pageNumber, pageCount, topStory }: HomeProps) {
  const { t, lang, tag } = page;
  const title = t('home.title');
  return (
    <Layout page={page} title={title} description={t('site.description')}>
      <h1>{title}</h1>
      {topStory ? <TopStory page={page} week={topStory.week} story={topStory.story} /> : null}
      {items.length === 0 ? <p>{t('home.empty')}</p> : null}
      {groupByWeek(items).map((group) => {
        const range = getWeekRange(group.week);
        const [year, week] = group.week.split('-W');
        return (
          <section aria-labelledby={`week-${group.week}`}>
            <h2 id={`week-${group.week}`}>
              {t('home.week', { week: Number(week), year })}
              {range ? (
                <span class="meta">{t('home.weekDates', { range: formatWeekDates(tag, range.start, range.end) })}</span>
              ) : null}
            </h2>
            <p class="meta">
              {/* These are reports; a story (on the week page) groups the reports of one event. */}
              {t('home.reportCount', { count: group.items.length })}
              {group.items[0]?.hasWeekSummary ? (
                <>
                  {' · '}
                  <a href={editionPath(lang, `/weeks/${group.week}`)}>{t('weekly.read')}</a>
                </>
              ) : null}
            </p>
            {group.items.map((item) => (
              <StoryTeaser page={page} item={item} />
            ))}
          </section>
        );
      })}
      <Pager
        page={page}
        pageNumber={pageNumber}
        pageCount={pageCount}
        path={(n) => editionPath(lang, n === 1 ? '/' : `/?page=${n}`)}
      />
    </Layout>
  );
}
