import type { PageContext } from './page-context.ts';

/**
 * The one pager of every paged listing (home, search, topic, entity): newer / position / older.
 * `path` makes page n's URL, so each listing keeps its own query (search terms) and its own
 * first-page URL (the home page's is `/`, without `?page=1`).
 */
export function Pager({
  page,
  pageNumber,
  pageCount,
  path,
}: {
  page: PageContext;
  pageNumber: number;
  pageCount: number;
  path: (n: number) => string;
}) {
  const { t } = page;
  if (pageCount <= 1) return null;
  return (
    <nav class="pager" aria-label={t('pagination.label')}>
      {pageNumber > 1 ? (
        <a rel="prev" href={path(pageNumber - 1)}>
          {t('pagination.newer')}
        </a>
      ) : (
        <span />
      )}
      <span>{t('pagination.position', { page: pageNumber, total: pageCount })}</span>
      {pageNumber < pageCount ? (
        <a rel="next" href={path(pageNumber + 1)}>
          {t('pagination.older')}
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
