import type { Child } from 'hono/jsx';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Translator } from '../i18n/index.ts';
import { formatDate } from '../services/format.ts';
import { tagForText, type Edition } from '../services/languages.ts';
import type { ArchiveWeek } from '../db/summaries.ts';
import type { WeekNeighbour } from '../db/week-pages.ts';
import { estimateReadingMinutes } from '../services/reading-time.ts';
import type { Story, WeeklySummaryContent } from '../services/weekly-summary.ts';
import { Layout } from './layout.tsx';
import { OutletName } from './outlet-name.tsx';
import { WeekTopics } from './topic-chart.tsx';
import { editionPath, type PageContext } from './page-context.ts';

/** Renders a component to an HTML string (escaped by hono/jsx), for feeds. */
export async function renderFragment(node: HtmlEscapedString | Promise<HtmlEscapedString>): Promise<string> {
  // HtmlEscapedString is a String object carrying the "already escaped" mark; feeds want the plain text.
  return (await node).toString();
}

/** The link target of a story's headline: the report the headline belongs to. */
export function leadSlugOf(story: Story): string {
  // Summaries built before `slug` was stored: the source whose headline the story carries.
  return (
    story.slug ??
    story.sources.find((source) => source.headline === story.headline)?.slug ??
    story.sources[0]?.slug ??
    ''
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
  children,
}: {
  summary: WeeklySummaryContent;
  t: Translator;
  lang: Edition;
  origin: string;
  /** Feeds show the top stories only: a busy week has hundreds, and readers poll feeds. */
  storyLimit?: number;
  /** The week's number of stories, when `summary` holds only the first ones (feeds trim in SQL). */
  storyTotal?: number;
  /** Shown between the intro and the stories (the page's "week at a glance"). */
  children?: Child;
}) {
  const articleUrl = (slug: string) => `${origin}${editionPath(lang, `/articles/${slug}`)}`;
  const stories = storyLimit === undefined ? summary.stories : summary.stories.slice(0, storyLimit);
  const hidden = storyTotal - stories.length;
  return (
    <div class="summary">
      <p class="intro">{summary.intro}</p>
      {children}
      {stories.map((story, index) => {
        const foreign = story.textLang !== lang;
        const storyTag = tagForText(story.textLang, lang);
        const leadSlug = leadSlugOf(story);
        const lead = story.sources.find((source) => source.slug === leadSlug);
        const others = story.sources.filter((source) => source !== lead);
        const figure = summary.figures.find((candidate) => candidate.story === index);
        return (
          // The week's top story leads, larger, as a front page does (Kagi News, NHK).
          <article class={index === 0 ? 'story lead' : 'story'} id={`story-${index + 1}`}>
            {/* h2: the summary's stories follow the page's h1 directly (no skipped heading level). */}
            <h2 lang={foreign ? storyTag : undefined}>
              <a href={articleUrl(leadSlug)}>{story.headline}</a>
            </h2>
            {lead ? (
              <p class="meta">
                <OutletName lang={lang} name={lead.name} /> ·{' '}
                <a href={lead.url} rel="external noopener">
                  {new URL(lead.url).hostname}
                </a>
              </p>
            ) : null}
            {foreign ? <p class="meta">{t('weekly.fallbackText')}</p> : null}
            {story.machineTranslated ? <p class="meta">{t('article.machineDraft')}</p> : null}
            <p lang={foreign ? storyTag : undefined}>{story.sentences.join(story.textLang === 'ja' ? '' : ' ')}</p>
            {figure ? (
              <p class="figure">
                <strong>{figure.display}</strong>
                {figure.context ? (
                  <>
                    {' '}
                    <q lang={figure.contextLang ? tagForText(figure.contextLang, lang) : undefined}>{figure.context}</q>
                  </>
                ) : null}
              </p>
            ) : null}
            {others.length > 0 ? (
              <div class="also">
                <p class="meta">{t('weekly.alsoReportedBy')}</p>
                <ul>
                  {others.map((source) => (
                    <li>
                      <a href={articleUrl(source.slug)}>{source.headline}</a>
                      {t('punct.open')}
                      <OutletName lang={lang} name={source.name} />
                      {t('punct.comma')}
                      <a href={source.url} rel="external noopener">
                        {new URL(source.url).hostname}
                      </a>
                      {t('punct.close')}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
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
    </div>
  );
}

/** Every word a reader of the week page reads, for its reading time. */
function weekTexts(summary: WeeklySummaryContent): string[] {
  return [summary.intro, ...summary.stories.flatMap((story) => [story.headline, ...story.sentences])];
}

export function WeekPage({
  page,
  summary,
  publishedAt,
  updatedAt,
  previous,
  next,
}: {
  page: PageContext;
  summary: WeeklySummaryContent;
  /** ISO instants: when the summary was published, and when its content last changed. */
  publishedAt: string;
  updatedAt: string;
  previous: WeekNeighbour | null;
  next: WeekNeighbour | null;
}) {
  const { t, tag, lang, origin } = page;
  // "Updated" only when the content changed on a later day than it was published.
  const updatedDay = updatedAt.slice(0, 10) > publishedAt.slice(0, 10) ? updatedAt.slice(0, 10) : null;
  const minutes = estimateReadingMinutes(weekTexts(summary));
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
        {' · '}
        {t('readingTime.minutes', { count: minutes })}
      </p>
      <WeekSummaryBody summary={summary} t={t} lang={lang} origin={origin}>
        {summary.stories.length > 0 ? (
          <nav class="glance" aria-labelledby="glance-heading">
            <h2 id="glance-heading">{t('weekly.atAGlance')}</h2>
            <ol>
              {summary.stories.map((story, index) => (
                <li lang={story.textLang !== lang ? tagForText(story.textLang, lang) : undefined}>
                  <a href={`#story-${index + 1}`}>{story.headline}</a>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
      </WeekSummaryBody>
      <section aria-labelledby="week-topics">
        <h2 id="week-topics">{t('weekly.topicsHeading')}</h2>
        <WeekTopics summary={summary} t={t} lang={lang} headingId="week-topics" />
      </section>
      <p class="follow">
        <a href={editionPath(lang, '/subscribe')}>{t('subscribe.followWeekly')}</a>
      </p>
      {previous || next ? (
        <nav class="pager weeks-nav" aria-label={t('weekly.weekNav')}>
          {previous ? (
            <a rel="prev" href={editionPath(lang, `/weeks/${previous.week}`)}>
              {t('weekly.previousWeek', { title: previous.title })}
            </a>
          ) : (
            <span />
          )}
          {next ? (
            <a rel="next" href={editionPath(lang, `/weeks/${next.week}`)}>
              {t('weekly.nextWeek', { title: next.title })}
            </a>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </Layout>
  );
}

export function WeeksArchivePage({ page, weeks }: { page: PageContext; weeks: ArchiveWeek[] }) {
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
            <h2>
              <a href={editionPath(lang, `/weeks/${week.week}`)}>{week.title}</a>
            </h2>
            {week.topHeadline ? <p class="top">{week.topHeadline}</p> : null}
            <p class="meta">{t('weekly.storyCount', { count: week.storyCount })}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
