import type { Translator } from '../i18n/index.ts';
import type { WeeklySummaryContent } from '../services/weekly-summary.ts';
import { editionPath } from './page-context.ts';

type TopicCounts = WeeklySummaryContent['topicCounts'];

/**
 * A chart carries information only when its bars differ: a week whose topics all have the same
 * count (one story touching six topics) would draw six equal bars that say nothing.
 */
export function isTopicChartInformative(counts: TopicCounts): boolean {
  return counts.length >= 2 && counts.some((entry) => entry.count !== counts[0]?.count);
}

/**
 * The week's topics, once: as a bar chart when the counts differ, else as a list of links.
 * Each row's label and count are HTML text (never SVG text, which a narrow screen would scale
 * below a legible size); only the bar is drawn, as a decorative SVG stretched to its row (a
 * width attribute, no style attribute: the CSP allows only the hashed stylesheet). The bar's
 * colour comes from the stylesheet (--bar), so it keeps its contrast in both schemes.
 */
export function WeekTopics({
  summary,
  t,
  lang,
  headingId,
}: {
  summary: WeeklySummaryContent;
  t: Translator;
  lang: string;
  headingId: string;
}) {
  const counts = summary.topicCounts;
  if (counts.length === 0) return null;
  const topicHref = (topic: string) => editionPath(lang, `/topics/${topic}`);
  if (!isTopicChartInformative(counts)) {
    return (
      <ul class="chips" aria-labelledby={headingId}>
        {counts.map((entry) => (
          <li>
            <a href={topicHref(entry.topic)}>{entry.label}</a>
          </li>
        ))}
      </ul>
    );
  }
  const max = Math.max(...counts.map((entry) => entry.count));
  return (
    <figure class="chart">
      <figcaption class="meta">{t('weekly.chartCaption')}</figcaption>
      <ul class="bars">
        {counts.map((entry) => (
          <li>
            <a href={topicHref(entry.topic)}>{entry.label}</a>
            <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
              <rect width={Math.max(1, Math.round((100 * entry.count) / max))} height="10" rx="1" />
            </svg>
            <span class="count">{t('weekly.storyCount', { count: entry.count })}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
