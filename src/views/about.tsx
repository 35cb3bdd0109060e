import { Layout } from './layout.tsx';
import { editionPath, type PageContext } from './page-context.ts';

/**
 * What Silk Digest is and how it is made, in the reader's language. Corrections go to a
 * mailbox at the site's own domain (the address a reader sees in the browser), so the page
 * names no host of its own and is right on any domain the Worker is routed to.
 */
export function AboutPage({ page }: { page: PageContext }) {
  const { t, lang, origin } = page;
  const title = t('about.title');
  const mailbox = `corrections@${new URL(origin).hostname}`;
  return (
    <Layout page={page} title={title} description={t('about.covers')}>
      <h1>{title}</h1>
      <p>{t('about.covers')}</p>
      <section aria-labelledby="about-stories">
        <h2 id="about-stories">{t('about.storiesHeading')}</h2>
        <p>{t('about.stories')}</p>
      </section>
      <section aria-labelledby="about-automatic">
        <h2 id="about-automatic">{t('about.automaticHeading')}</h2>
        <ul>
          <li>{t('about.automaticSummaries')}</li>
          <li>{t('about.automaticScript')}</li>
          <li>{t('about.automaticMachine')}</li>
          <li>{t('about.editorsCheck')}</li>
        </ul>
      </section>
      <section aria-labelledby="about-errors">
        <h2 id="about-errors">{t('about.errorsHeading')}</h2>
        <p>
          {t('about.errors')} <a href={`mailto:${mailbox}`}>{mailbox}</a>
        </p>
      </section>
      <p>
        <a href={editionPath(lang, '/subscribe')}>{t('subscribe.followWeekly')}</a>
      </p>
    </Layout>
  );
}
