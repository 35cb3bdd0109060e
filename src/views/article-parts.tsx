import type { ArticlePageData } from '../db/article-page.ts';
import { formatDate } from '../services/format.ts';
import { tagForText } from '../services/languages.ts';
import { OutletName } from './outlet-name.tsx';
import { editionPath, type PageContext } from './page-context.ts';
import { leadSlugOf } from './week.tsx';

/**
 * Every other source of the same report or event: sources the desk linked to this document
 * (near-identical copies) and the other reports of its story in the week's summary.
 */
export function AlsoReportedBy({ page, data }: { page: PageContext; data: ArticlePageData }) {
  const { t, lang, tag } = page;
  const { article, story } = data;
  const others = story?.sources.filter((source) => source.slug !== article.slug) ?? [];
  if (article.otherSources.length === 0 && others.length === 0) return null;
  return (
    <section aria-labelledby="sources-heading">
      <h2 id="sources-heading">{t('article.alsoReportedBy')}</h2>
      <ul>
        {others.map((source) => (
          <li>
            <a href={editionPath(lang, `/articles/${source.slug}`)}>{source.headline}</a>
            {t('punct.open')}
            <OutletName lang={lang} name={source.name} />
            {t('punct.comma')}
            <time datetime={source.publishedOn}>{formatDate(tag, source.publishedOn)}</time>
            {t('punct.close')}
          </li>
        ))}
        {article.otherSources.map((source) => (
          <li>
            <a href={source.sourceUrl} rel="external noopener">
              <OutletName lang={lang} name={source.sourceName} />
            </a>{' '}
            <time datetime={source.publishedOn}>{formatDate(tag, source.publishedOn)}</time>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Where a reader goes next: reports about the same people and organisations, and the next story. */
export function ArticleFollowUps({ page, data }: { page: PageContext; data: ArticlePageData }) {
  const { t, lang, tag, script } = page;
  const { related, next } = data;
  return (
    <>
      {related.length > 0 ? (
        <section aria-labelledby="related-heading">
          <h2 id="related-heading">{t('article.relatedHeading')}</h2>
          <ul class="related">
            {related.map((report) => {
              const own = report.textLanguage === page.contentLang;
              return (
                <li>
                  <a
                    href={editionPath(lang, `/articles/${report.slug}`)}
                    lang={own ? undefined : tagForText(report.textLanguage, lang)}
                  >
                    {own ? script(report.headline) : report.headline}
                  </a>{' '}
                  <span class="meta">
                    <OutletName lang={lang} name={report.sourceName} /> ·{' '}
                    <time datetime={report.publishedOn}>{formatDate(tag, report.publishedOn)}</time>
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {next ? (
        <nav class="next-story" aria-labelledby="next-heading">
          <h2 id="next-heading">{t('article.nextStory')}</h2>
          <p>
            <a
              href={editionPath(lang, `/articles/${leadSlugOf(next.story)}`)}
              lang={next.story.textLang !== lang ? tagForText(next.story.textLang, lang) : undefined}
            >
              {next.story.headline}
            </a>
          </p>
        </nav>
      ) : null}
    </>
  );
}
