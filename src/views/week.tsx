import type { HtmlEscapedString } from 'hono/utils/html';
import type { Translator } from '../i18n/index.ts';
import { formatDate } from '../services/format.ts';
import { tagForText, type Edition } from '../services/languages.ts';
import type { WeeklySummaryContent } from '../services/weekly-summary.ts';
import { Layout } from './layout.tsx';
import { editionPath, type PageContext } from './page-context.ts';

/** Renders a component to an HTML string (escaped by hono/jsx), for feeds. */
export async function renderFragment(node: HtmlEscapedString | Promise<HtmlEscapedString>): Promise<string> {
  // HtmlEscapedString is a String object carrying the "already escaped" mark; feeds want the plain text.
  return (await node).toString();
}

// Each topic gets a row: its name on one line, its bar below, so that no language's name
// ("Muhim minerallar va kon sanoati") is ever clipped by a fixed label column.
const BAR_HEIGHT = 36;
const CHART_WIDTH = 460;

/**
 * Topics of the week as a small bar chart; its numbers are also in the list that follows it.
 * No style attribute: the CSP allows only the hashed stylesheet, which shrinks the chart on
 * narrow screens (.chart svg); feed readers get its natural width.
 */
export function TopicChart({ summary, t }: { summary: WeeklySummaryContent; t: Translator }) {
  const max = Math.max(1, ...summary.topicCounts.map((entry) => entry.count));
  const height = summary.topicCounts.length * BAR_HEIGHT + 8;
  const titleId = `chart-title-${summary.week}`;
  const descId = `chart-desc-${summary.week}`;
  const week = Number(summary.week.split('-W')[1]);
  return (
    <figure class="chart">
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={`0 0 ${CHART_WIDTH} ${height}`}
        width={CHART_WIDTH}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={titleId}>{t('weekly.chartTitle', { week })}</title>
        <desc id={descId}>{t('weekly.chartDesc')}</desc>
        {summary.topicCounts.map((entry, index) => {
          const width = Math.max(2, Math.round(((CHART_WIDTH - 40) * entry.count) / max));
          const y = index * BAR_HEIGHT + 4;
          return (
            <g>
              <text x="0" y={y + 12} font-size="13" fill="currentColor">
                {entry.label}
              </text>
              <rect x="0" y={y + 17} width={width} height="12" rx="3" fill="#0b5cad" />
              <text x={width + 6} y={y + 28} font-size="12" fill="currentColor">
                {entry.count}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul class="chips">
          {summary.topicCounts.map((entry) => (
            <li>{t('weekly.topicCount', { topic: entry.label, count: entry.count })}</li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/** The summary itself: used on the week page and, as HTML, in the feeds. */
export function WeekSummaryBody({
  summary,
  t,
  lang,
  origin,
  storyLimit,
  storyTotal = summary.stories.length,
}: {
  summary: WeeklySummaryContent;
  t: Translator;
  lang: Edition;
  origin: string;
  /** Feeds show the top stories only: a busy week has hundreds, and readers poll feeds. */
  storyLimit?: number;
  /** The week's number of stories, when `summary` holds only the first ones (feeds trim in SQL). */
  storyTotal?: number;
}) {
  const articleUrl = (slug: string) => `${origin}${editionPath(lang, `/articles/${slug}`)}`;
  const stories = storyLimit === undefined ? summary.stories : summary.stories.slice(0, storyLimit);
  const hidden = storyTotal - stories.length;
  const figures = summary.figures.filter((figure) => figure.story < stories.length);
  return (
    <div class="summary">
      <p class="intro">{summary.intro}</p>
      {stories.map((story) => {
        const foreign = story.textLang !== lang;
        const storyTag = tagForText(story.textLang, lang);
        return (
          <article class="story">
            {/* h2: the summary's stories follow the page's h1 directly (no skipped heading level). */}
            <h2 lang={foreign ? storyTag : undefined}>
              <a href={articleUrl(story.sources[0]?.slug ?? '')}>{story.headline}</a>
            </h2>
            {foreign ? <p class="meta">{t('weekly.fallbackText')}</p> : null}
            <p lang={foreign ? storyTag : undefined}>{story.sentences.join(story.textLang === 'ja' ? '' : ' ')}</p>
            <p class="meta">{t('weekly.sources')}:</p>
            <ul>
              {story.sources.map((source) => (
                <li>
                  <a href={articleUrl(source.slug)}>{source.headline}</a> ({source.name},{' '}
                  <a href={source.url} rel="external noopener">
                    {new URL(source.url).hostname}
                  </a>
                  )
                </li>
              ))}
            </ul>
          </article>
        );
      })}
      {hidden > 0 ? (
        <p>
          <a href={`${origin}${editionPath(lang, `/weeks/${summary.week}`)}`}>
            {t('weekly.moreStories', { count: hidden })}
          </a>
        </p>
      ) : null}
      {figures.length > 0 ? (
        <section>
          <h2>{t('weekly.keyFigures')}</h2>
          <ul>
            {figures.map((figure) => (
              <li>
                <strong>{figure.display}</strong>{' '}
                {t('weekly.fromStory', { story: summary.stories[figure.story]?.headline ?? '' })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export function WeekPage({
  page,
  summary,
  publishedAt,
  updatedAt,
}: {
  page: PageContext;
  summary: WeeklySummaryContent;
  /** ISO instants: when the summary was published, and when its content last changed. */
  publishedAt: string;
  updatedAt: string;
}) {
  const { t, tag, lang, origin } = page;
  // "Updated" only when the content changed on a later day than it was published.
  const updatedDay = updatedAt.slice(0, 10) > publishedAt.slice(0, 10) ? updatedAt.slice(0, 10) : null;
  return (
    <Layout page={page} title={summary.title} description={summary.intro} ogType="article">
      <h1>{summary.title}</h1>
      <p class="meta">
        <time datetime={publishedAt}>{t('weekly.published', { date: formatDate(tag, publishedAt.slice(0, 10)) })}</time>
        {updatedDay ? (
          <>
            {' · '}
            <time datetime={updatedAt}>{t('weekly.updated', { date: formatDate(tag, updatedDay) })}</time>
          </>
        ) : null}
      </p>
      <WeekSummaryBody summary={summary} t={t} lang={lang} origin={origin} />
      <section aria-labelledby="week-topics">
        <h2 id="week-topics">{t('weekly.topicsHeading')}</h2>
        <TopicChart summary={summary} t={t} />
      </section>
    </Layout>
  );
}

export function WeeksArchivePage({
  page,
  weeks,
}: {
  page: PageContext;
  weeks: { week: string; title: string; summaryText: string }[];
}) {
  const { t, lang } = page;
  const title = t('weekly.archiveTitle');
  return (
    <Layout page={page} title={title} description={t('weekly.archiveIntro')}>
      <h1>{title}</h1>
      <p>{t('weekly.archiveIntro')}</p>
      {weeks.length === 0 ? <p>{t('weekly.archiveEmpty')}</p> : null}
      <ul class="weeks">
        {weeks.map((week) => (
          <li>
            <a href={editionPath(lang, `/weeks/${week.week}`)}>{week.title}</a>
            <p class="meta">{week.summaryText}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
