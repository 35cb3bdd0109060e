import { TOPIC_IDS } from '../data/topic-ids.ts';
import { EDITIONS, LANGUAGE_NAMES, LANGUAGE_TAGS } from '../services/languages.ts';
import { Layout } from './layout.tsx';
import { editionPath, type PageContext } from './page-context.ts';

/**
 * One-click subscription links of the common feed readers. Feedly and Inoreader are web apps
 * that take the feed's URL in theirs; NetNewsWire (and other desktop readers) register the
 * `feed://` scheme, which stands for the feed's address (`feed://host/path`: the HTML URL
 * grammar has no room for the older `feed:https://…` form).
 */
function feedReaderLinks(feedUrl: string): { name: string; href: string }[] {
  const encoded = encodeURIComponent(feedUrl);
  return [
    { name: 'Feedly', href: `https://feedly.com/i/subscription/feed/${encoded}` },
    { name: 'Inoreader', href: `https://www.inoreader.com/?add_feed=${encoded}` },
    { name: 'NetNewsWire', href: feedUrl.replace(/^https?:/, 'feed:') },
  ];
}

/** The feed URLs of a path prefix ("/en" or "/en/topics/energy"), by format. */
function feedUrls(origin: string, prefix: string): { label: string; url: string }[] {
  return [
    { label: 'RSS', url: `${origin}${prefix}/feed.xml` },
    { label: 'Atom', url: `${origin}${prefix}/feed.atom` },
    { label: 'JSON Feed', url: `${origin}${prefix}/feed.json` },
  ];
}

function ReaderButtons({ feedUrl, label }: { feedUrl: string; label: string }) {
  return (
    <ul class="readers" aria-label={label}>
      {feedReaderLinks(feedUrl).map((reader) => (
        <li>
          <a href={reader.href} rel="external noopener">
            {reader.name}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function SubscribePage({ page }: { page: PageContext }) {
  const { t, lang, origin } = page;
  const title = t('subscribe.title');
  const main = feedUrls(origin, editionPath(lang, ''));
  const rss = main[0]!.url;
  return (
    <Layout page={page} title={title} description={t('subscribe.whatIsAFeed')}>
      <h1>{title}</h1>
      <p>{t('subscribe.whatIsAFeed')}</p>
      <p>{t('subscribe.howTo')}</p>
      <section aria-labelledby="weekly-feed">
        <h2 id="weekly-feed">{t('subscribe.weeklyHeading')}</h2>
        <p>{t('subscribe.weeklyIntro')}</p>
        <ReaderButtons feedUrl={rss} label={t('subscribe.oneClick', { feed: t('feed.title') })} />
        <p class="meta">{t('subscribe.copyIntro')}</p>
        <dl class="feeds">
          {main.map((feed) => (
            <>
              <dt>{feed.label}</dt>
              <dd>
                <code>{feed.url}</code>
              </dd>
            </>
          ))}
        </dl>
      </section>
      <section aria-labelledby="edition-feeds">
        <h2 id="edition-feeds">{t('subscribe.editionsHeading')}</h2>
        <ul>
          {EDITIONS.filter((code) => code !== lang).map((code) => (
            <li>
              <span lang={LANGUAGE_TAGS[code]}>{LANGUAGE_NAMES[code]}</span>
              {t('punct.colon')}
              <code>{`${origin}/${code}/feed.xml`}</code>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="topic-feeds">
        <h2 id="topic-feeds">{t('subscribe.topicsHeading')}</h2>
        <p>{t('subscribe.topicsIntro')}</p>
        <ul class="topic-feeds">
          {TOPIC_IDS.map((topic) => {
            const url = `${origin}${editionPath(lang, `/topics/${topic}`)}/feed.xml`;
            const name = t(`topics.${topic}`);
            return (
              <li>
                <a href={editionPath(lang, `/topics/${topic}`)}>{name}</a>
                {t('punct.colon')}
                <code>{url}</code>
                <ReaderButtons feedUrl={url} label={t('subscribe.oneClick', { feed: name })} />
              </li>
            );
          })}
        </ul>
      </section>
    </Layout>
  );
}
