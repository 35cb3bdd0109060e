import type { DeskQueue } from '../../db/desk.ts';
import { DeskLayout, type DeskPage } from './desk-layout.tsx';

export function QueueView({ page, queue }: { page: DeskPage; queue: DeskQueue }) {
  const { t } = page;
  const { machineDrafts, failedRuns } = queue;
  return (
    <DeskLayout page={page} title={t('desk.queue.title')}>
      <h1>{t('desk.queue.title')}</h1>
      <ul class="chips" aria-label={t('desk.queue.counts')}>
        <li>{t('desk.queue.machineDraftsCount', { count: machineDrafts.count })}</li>
        <li>{t('desk.queue.failedRunsCount', { count: failedRuns.count })}</li>
      </ul>
      <h2 id="machine-drafts">{t('desk.queue.machineDrafts')}</h2>
      {machineDrafts.rows.length === 0 ? (
        <p>{t('desk.queue.nothing')}</p>
      ) : (
        <ul>
          {machineDrafts.rows.map((row) => (
            <li>
              <a href={`/desk/documents/${row.documentId}#text-${row.lang}`}>{row.headline}</a>{' '}
              <span class="meta">
                {row.lang} · {row.publishedOn}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2 id="failed-runs">{t('desk.queue.failedRuns')}</h2>
      {failedRuns.rows.length === 0 ? (
        <p>{t('desk.queue.nothing')}</p>
      ) : (
        <ul>
          {failedRuns.rows.map((row) => (
            <li>
              <a href="/healthz">
                {t(`desk.queue.run.${row.kind}`)} {row.key}
              </a>{' '}
              <span class="meta">
                {row.detail} · {row.at}
              </span>{' '}
              {row.error}
            </li>
          ))}
        </ul>
      )}
    </DeskLayout>
  );
}
