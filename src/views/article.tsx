import type { ArticleText } from '../db/article.ts';
import type { ArticlePageData } from '../db/article-page.ts';
import { estimateReadingMinutes } from '../services/reading-time.ts';
import { formatDate } from '../services/format.ts';
import { OutletName, WithOutlet } from './outlet-name.tsx';
import { selectEntityName } from '../services/entity-text.ts';
import {
  chooseText,
  EDITIONS,
  getContentLanguage,
  getScript,
  LANGUAGE_NAMES,
  LANGUAGE_TAGS,
  tagForText,
} from '../services/languages.ts';
import { ArticleFollowUps, AlsoReportedBy } from './article-parts.tsx';
import type { LeadImage } from '../services/lead-image.ts';
import { Layout } from './layout.tsx';
import { editionPath, type PageContext } from './page-context.ts';

/** Which text this is: the original, or a translation, by the editors or by a machine. */
function describeOrigin(
  page: PageContext,
  text: ArticleText,
  article: ArticlePageData['article'],
  isFallback: boolean,
): string {
  const { t } = page;
  const { originalLanguage } = article;
  // An original that is itself a machine translation: a report from a source in a language
  // with no edition (Russian), translated when it was ingested.
  const translatedOriginal = text.lang === originalLanguage && text.origin === 'machine';
  if (isFallback || text.origin === 'source' || (text.lang === originalLanguage && !translatedOriginal)) {
    return t('article.originalText', { language: t(`languageNames.${text.lang}`) });
  }
  const from = t(
    `languageNames.${translatedOriginal ? (article.provenance?.sourceLanguage ?? 'ru') : originalLanguage}`,
  );
  return text.origin === 'machine'
    ? t('article.machineTranslation', { language: from })
    : t('article.editorTranslation', { language: from });
}

/** Readers learn when a source's rights policy lets Silk Digest show only part of its report. */
function RightsNote({ page, article }: { page: PageContext; article: ArticlePageData['article'] }) {
  const rights = article.provenance?.rights;
  if (rights !== 'excerpt' && rights !== 'headline') return null;
  return (
    <p class="note" role="note">
      {page.t(rights === 'excerpt' ? 'article.excerptOnly' : 'article.headlineOnly')}{' '}
      <a href={article.sourceUrl} rel="external noopener">
        <WithOutlet
          lang={page.lang}
          sentence={page.t('article.readOriginal', { source: '\u0000' })}
          name={article.sourceName}
        />
      </a>
    </p>
  );
}

export function ArticlePage({
  page,
  data,
  leadImage,
}: {
  page: PageContext;
  data: ArticlePageData;
  leadImage: LeadImage | null;
}) {
  const { article } = data;
  const { t, lang, tag, contentLang } = page;
  const { text, isFallback } = chooseText(article.texts, contentLang, article.originalLanguage);
  if (!text) throw new Error(`article ${article.slug} has no text`);
  const textTag = tagForText(text.lang, lang);
  const script = isFallback ? (value: string) => value : page.script;
  const firstParagraph = script(text.blocks.find((block) => block.kind === 'p')?.text ?? text.headline);
  const description = firstParagraph.length > 200 ? `${firstParagraph.slice(0, 197)}…` : firstParagraph;
  const others = EDITIONS.filter((code) => code !== lang);
  const credit = leadImage?.credit ?? article.photoCredit;
  return (
    <Layout page={page} title={script(text.headline)} description={description} ogType="article" image={leadImage?.url}>
      <article>
        <header>
          <h1 lang={isFallback ? textTag : undefined}>{script(text.headline)}</h1>
          {article.headlineIsEditorial ? <p class="meta">{t('article.editorialHeadline')}</p> : null}
          <dl class="facts">
            <dt>{t('article.published')}</dt>
            <dd>
              <time datetime={article.publishedOn}>{formatDate(tag, article.publishedOn)}</time>
            </dd>
            <dt>{t('article.source')}</dt>
            <dd class="source">
              <a href={article.sourceUrl} rel="external noopener">
                <OutletName lang={lang} name={article.sourceName} />
              </a>
            </dd>
            <dt>{t('article.textLabel')}</dt>
            <dd>{describeOrigin(page, text, article, isFallback)}</dd>
            <dt>{t('article.readingTimeLabel')}</dt>
            <dd>
              {t('readingTime.minutes', { count: estimateReadingMinutes(text.blocks.map((block) => block.text)) })}
            </dd>
          </dl>
        </header>
        {isFallback ? (
          <p class="note" role="note">
            {t('article.fallback')}
          </p>
        ) : null}
        {!isFallback && text.origin === 'machine' ? (
          <p class="note" role="note">
            {t('article.machineDraft')}
          </p>
        ) : null}
        {leadImage ? (
          <figure class="lead-image">
            {/* Loaded from the publisher (see src/services/lead-image.ts); no description is
                known, so it is marked decorative rather than read out as a file name. */}
            <img src={leadImage.url} alt="" decoding="async" referrerpolicy="no-referrer" />
            {credit ? (
              <figcaption>
                <WithOutlet lang={lang} sentence={t('article.photoCredit', { credit: '\u0000' })} name={credit} />
              </figcaption>
            ) : null}
          </figure>
        ) : null}
        <div class="body" lang={isFallback ? textTag : undefined}>
          {text.blocks.map((block) =>
            block.kind === 'h' ? <h2>{script(block.text)}</h2> : <p>{script(block.text)}</p>,
          )}
        </div>
        <RightsNote page={page} article={article} />
        {!leadImage && credit ? (
          <p class="meta">
            <WithOutlet lang={lang} sentence={t('article.photoCredit', { credit: '\u0000' })} name={credit} />
          </p>
        ) : null}
        <p class="source">
          <a href={article.sourceUrl} rel="external noopener">
            <WithOutlet
              lang={lang}
              sentence={t('article.readOriginal', { source: '\u0000' })}
              name={article.sourceName}
            />
          </a>
        </p>
        <AlsoReportedBy page={page} data={data} />
        <section aria-labelledby="topics-heading">
          <h2 id="topics-heading">{t('article.topics')}</h2>
          <ul class="chips">
            {article.topics.map((topic) => (
              <li>
                <a href={editionPath(lang, `/topics/${topic}`)}>{t(`topics.${topic}`)}</a>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="entities-heading">
          <h2 id="entities-heading">{t('article.entities')}</h2>
          <ul class="chips">
            {article.entities.map((entity) => (
              <li>
                <a href={editionPath(lang, `/entities/${entity.slug}`)} title={t(`entityKind.${entity.kind}`)}>
                  {page.script(selectEntityName(entity, contentLang))}
                </a>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="languages-heading">
          <h2 id="languages-heading">{t('article.otherLanguages')}</h2>
          <ul>
            {others.map((code) => {
              const other = article.texts.find((candidate) => candidate.lang === getContentLanguage(code));
              return (
                <li>
                  <a href={editionPath(code, `/articles/${article.slug}`)} hreflang={LANGUAGE_TAGS[code]}>
                    <span lang={LANGUAGE_TAGS[code]}>{LANGUAGE_NAMES[code]}</span>
                    {other ? (
                      <>
                        {t('punct.colon')}
                        <span lang={LANGUAGE_TAGS[code]}>{getScript(code)(other.headline)}</span>
                      </>
                    ) : null}
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
        {article.weekSummaryLangs.includes(lang) ? (
          <p>
            <a href={editionPath(lang, `/weeks/${article.isoWeek}`)}>
              {t('article.weekLink', {
                week: Number(article.isoWeek.split('-W')[1]),
                year: article.isoWeek.split('-W')[0],
              })}
            </a>
          </p>
        ) : null}
        <ArticleFollowUps page={page} data={data} />
        {/* The stored note is the editors' own provenance record (English, with capture file
            names); readers get a note of their own, in the edition's language. */}
        {article.publishedNote ? <p class="meta">{t('article.dateNote')}</p> : null}
      </article>
    </Layout>
  );
}
