/**
 * The queue, the desk's home: each kind of work a person must do, with its count (linking to
 * its section) and its newest rows, each row linking to where the work is done.
 */
import type { Child } from 'hono/jsx';
import type { DeskQueue } from '../../db/desk.ts';
import { DeskLayout, type DeskPage } from './desk-layout.tsx';

/** One row: a link to the work, then what to know about it. */
interface QueueLine {
  href: string;
  text: string;
  meta: Child;
  detail?: string;
}

type Kind = keyof DeskQueue;

/** Each kind's rows as lines, in the order the page shows them. */
function linesOf(page: DeskPage, queue: DeskQueue): [Kind, QueueLine[]][] {
  const { t } = page;
  const problem = (key: string) => t(`desk.queue.problem.${key}`, { defaultValue: key });
  return [
    [
      'machineDrafts',
      queue.machineDrafts.rows.map((row) => ({
        href: `/desk/documents/${row.documentId}#text-${row.lang}`,
        text: row.headline,
        meta: `${row.lang} · ${row.publishedOn}`,
      })),
    ],
    [
      'rejectedTranslations',
      queue.rejectedTranslations.rows.map((row) => ({
        href: `/desk/documents/${row.documentId}#text-${row.lang}`,
        text: row.headline,
        meta: `${row.lang} · ${problem(row.problem)} · ${row.at}`,
      })),
    ],
    [
      'noText',
      queue.noText.rows.map((row) => ({
        href: row.url,
        text: row.url,
        meta: (
          <>
            <a href={`/desk/sources/${row.sourceId}`}>{row.sourceName}</a> · {row.at}
          </>
        ),
      })),
    ],
    [
      'possibleDuplicates',
      queue.possibleDuplicates.rows.map((row) => ({
        href: `/desk/documents/${row.documentId}`,
        text: row.headline,
        meta: (
          <>
            {t('desk.queue.similarTo', { overlap: Math.round(row.overlap * 100) })}{' '}
            <a href={`/desk/documents/${row.similarTo}`}>{row.similarHeadline}</a>
          </>
        ),
      })),
    ],
    [
      'failingSources',
      queue.failingSources.rows.map((row) => ({
        href: `/desk/sources/${row.sourceId}`,
        text: row.name,
        meta: [
          t('desk.queue.failures', { count: row.failures }),
          ...(row.enabled ? [] : [t('desk.sources.disabled')]),
          row.at ?? '—',
        ].join(' · '),
        detail: row.error,
      })),
    ],
    [
      'failedRuns',
      queue.failedRuns.rows.map((row) => ({
        href: '/healthz',
        text: `${t(`desk.queue.run.${row.kind}`)} ${row.key}`,
        meta: `${row.detail} · ${row.at}`,
        detail: row.error,
      })),
    ],
  ];
}

export function QueueView({ page, queue }: { page: DeskPage; queue: DeskQueue }) {
  const { t } = page;
  const sections = linesOf(page, queue);
  return (
    <DeskLayout page={page} title={t('desk.queue.title')}>
      <h1>{t('desk.queue.title')}</h1>
      <ul class="chips" aria-label={t('desk.queue.counts')}>
        {sections.map(([kind]) => (
          <li>
            <a href={`#${kind}`}>{t(`desk.queue.count.${kind}`, { count: queue[kind].count })}</a>
          </li>
        ))}
      </ul>
      {sections.map(([kind, lines]) => (
        <>
          <h2 id={kind}>{t(`desk.queue.kind.${kind}`)}</h2>
          {lines.length === 0 ? (
            <p>{t('desk.queue.nothing')}</p>
          ) : (
            <ul>
              {lines.map((line) => (
                <li>
                  {/* Links off the desk (a feed item's page) open without a referrer. */}
                  <a href={line.href} rel={line.href.startsWith('/') ? undefined : 'noopener noreferrer'}>
                    {line.text}
                  </a>{' '}
                  <span class="meta">{line.meta}</span>
                  {line.detail ? ` ${line.detail}` : null}
                </li>
              ))}
            </ul>
          )}
        </>
      ))}
    </DeskLayout>
  );
}
