import type { StoryListItem } from '../db/queries.ts';
import { formatDate } from '../services/format.ts';
import { tagForText } from '../services/languages.ts';
import type { PageContext } from './page-context.ts';
import { OutletName } from './outlet-name.tsx';

/** A topic feed's item as HTML: the report's summary, its source and date, and a link to it. */
export function TopicFeedItemBody({ page, item, url }: { page: PageContext; item: StoryListItem; url: string }) {
  const { t, tag, lang, script } = page;
  const show = item.isFallback ? (text: string) => text : script;
  return (
    <div>
      <p>
        <OutletName lang={page.lang} name={item.sourceName} /> ·{' '}
        <time datetime={item.publishedOn}>{formatDate(tag, item.publishedOn)}</time>
      </p>
      {item.isFallback ? <p>{t('article.fallback')}</p> : null}
      {item.isMachineTranslation ? <p>{t('article.machineDraft')}</p> : null}
      <p lang={item.isFallback ? tagForText(item.textLanguage, lang) : undefined}>{show(item.summary)}</p>
      <p>
        <a href={url}>{t('topicFeed.readArticle')}</a>
      </p>
    </div>
  );
}
