/**
 * The sources pages: the registry with each source's health, one source with its edit form,
 * "poll now" and what the last poll now found (accepted items linking to their documents,
 * skipped items with the reason).
 */
import type { Source } from '../../db/sources.ts';
import type { PollReport } from '../../workflows/ingestion/poll-source.ts';
import { DeskLayout, TokenField, type DeskPage } from './desk-layout.tsx';
import { SourceForm, type SourceFormErrors, type SourceFormValues } from './source-form.tsx';

/** A stored time as the desk shows it everywhere: ISO, minutes, UTC. */
function showTime(iso: string | null, never: string): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : never;
}

function HealthFacts({ page, source }: { page: DeskPage; source: Source }) {
  const { t } = page;
  const never = t('desk.sources.never');
  return (
    <dl class="facts">
      <dt>{t('desk.sources.health.state')}</dt>
      <dd>{source.enabled ? t('desk.sources.enabled') : t('desk.sources.disabled')}</dd>
      <dt>{t('desk.sources.health.lastPoll')}</dt>
      <dd>{showTime(source.lastPolledAt, never)}</dd>
      <dt>{t('desk.sources.health.status')}</dt>
      <dd>{source.lastStatus ?? '—'}</dd>
      <dt>{t('desk.sources.health.error')}</dt>
      <dd>{source.lastError ?? '—'}</dd>
      <dt>{t('desk.sources.health.failures')}</dt>
      <dd>{source.consecutiveFailures}</dd>
      <dt>{t('desk.sources.health.nextPoll')}</dt>
      <dd>{source.enabled ? showTime(source.nextPollAt, t('desk.sources.nextCron')) : '—'}</dd>
      <dt>{t('desk.sources.health.items')}</dt>
      <dd>
        {t('desk.sources.health.itemCounts', {
          seen: source.itemsSeen,
          accepted: source.itemsAccepted,
          skipped: source.itemsSkipped,
        })}
      </dd>
    </dl>
  );
}

export function SourcesView({
  page,
  sources,
  form,
  errors,
}: {
  page: DeskPage;
  sources: readonly Source[];
  form: SourceFormValues;
  errors?: SourceFormErrors | undefined;
}) {
  const { t } = page;
  return (
    <DeskLayout page={page} title={t('desk.sources.title')}>
      <h1>{t('desk.sources.title')}</h1>
      <p class="meta">{t('desk.sources.count', { count: sources.length })}</p>
      {sources.length === 0 ? <p>{t('desk.queue.nothing')}</p> : null}
      {sources.map((source) => (
        <section id={`source-${source.id}`} aria-labelledby={`source-${source.id}-name`} class="desk-source">
          <h2 id={`source-${source.id}-name`}>
            <a href={`/desk/sources/${source.id}`}>{source.name}</a>
          </h2>
          <p class="meta">{source.feedUrl}</p>
          <HealthFacts page={page} source={source} />
        </section>
      ))}
      <h2 id="add-source">{t('desk.sources.add')}</h2>
      <SourceForm page={page} action="/desk/sources" values={form} errors={errors} submit={t('desk.sources.add')} />
    </DeskLayout>
  );
}

function PollResult({ page, report }: { page: DeskPage; report: PollReport }) {
  const { t } = page;
  return (
    <section aria-labelledby="poll-result" class="note" role="status">
      <h2 id="poll-result">{t(`desk.sources.poll.${report.status}`)}</h2>
      <p>
        {t('desk.sources.poll.summary', {
          seen: report.itemsSeen,
          accepted: report.accepted.length,
          skipped: report.skipped.length,
        })}
        {report.httpStatus === null ? null : ` · HTTP ${report.httpStatus}`}
      </p>
      {report.error ? <p>{report.error}</p> : null}
      {report.accepted.length > 0 ? (
        <>
          <h3>{t('desk.sources.poll.accepted')}</h3>
          <ul>
            {report.accepted.map((item) => (
              <li>
                <a href={`/desk/documents/${item.documentId}`}>{item.slug}</a> <span class="meta">{item.url}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {report.skipped.length > 0 ? (
        <>
          <h3>{t('desk.sources.poll.skipped')}</h3>
          <ul>
            {report.skipped.map((item) => (
              <li>
                {t(`desk.sources.skip.${item.reason}`)} <span class="meta">{item.url}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function SourceView({
  page,
  source,
  form,
  errors,
  report,
  done,
}: {
  page: DeskPage;
  source: Source;
  form: SourceFormValues;
  errors?: SourceFormErrors | undefined;
  report?: PollReport | undefined;
  done?: string | undefined;
}) {
  const { t } = page;
  return (
    <DeskLayout page={page} title={source.name}>
      <p>
        <a href="/desk/sources">{t('desk.sources.back')}</a>
      </p>
      <h1>{source.name}</h1>
      {done === 'added' || done === 'saved' || done === 'disabled' ? (
        <p class="note" role="status">
          {t(`desk.sources.done.${done}`)}
        </p>
      ) : null}
      {report ? <PollResult page={page} report={report} /> : null}
      <HealthFacts page={page} source={source} />
      <form method="post" action={`/desk/sources/${source.id}/poll`}>
        <TokenField page={page} />
        <button type="submit">{t('desk.sources.pollNow')}</button>
      </form>
      <h2 id="edit-source">{t('desk.sources.edit')}</h2>
      <SourceForm
        page={page}
        action={`/desk/sources/${source.id}`}
        values={form}
        errors={errors}
        submit={t('desk.sources.save')}
      />
      {source.enabled ? (
        <form method="post" action={`/desk/sources/${source.id}/disable`}>
          <TokenField page={page} />
          <p class="meta">{t('desk.sources.disableHint')}</p>
          <button type="submit">{t('desk.sources.disable')}</button>
        </form>
      ) : null}
    </DeskLayout>
  );
}
