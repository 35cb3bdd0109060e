import type { RevisionWithData } from '../../db/desk.ts';
import type { DocumentState } from '../../db/editorial.ts';
import { diffWords } from '../../services/word-diff.ts';
import { DeskLayout, TokenField, type DeskPage } from './desk-layout.tsx';

/** A revision's state as comparable text: a text's headline and paragraphs, or the metadata's fields. */
function revisionText(lang: string, data: string): string {
  const parsed = JSON.parse(data) as Record<string, unknown>;
  if (lang !== 'meta') {
    const paragraphs = Array.isArray(parsed['paragraphs']) ? (parsed['paragraphs'] as string[]) : [];
    return [typeof parsed['headline'] === 'string' ? parsed['headline'] : '', ...paragraphs].join(' ¶ ');
  }
  return Object.entries(parsed)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : JSON.stringify(value)}`)
    .join(' · ');
}

function Diff({ before, after }: { before: string; after: string }) {
  return (
    <p class="desk-diff">
      {diffWords(before, after).map((run) =>
        run.op === 'same' ? <span>{run.text} </span> : run.op === 'add' ? <ins>{run.text}</ins> : <del>{run.text}</del>,
      )}
    </p>
  );
}

export function HistoryView({
  page,
  state,
  revisions,
}: {
  page: DeskPage;
  state: DocumentState;
  revisions: RevisionWithData[];
}) {
  const { t } = page;
  const current = (lang: string) => (lang === 'meta' ? state.revision : (state.texts[lang]?.revision ?? 0));
  const langs = [...new Set(revisions.map((revision) => revision.lang))];
  const title = t('desk.history.title', { headline: state.texts[state.meta.originalLanguage]?.headline ?? '' });
  return (
    <DeskLayout page={page} title={title}>
      <h1>{title}</h1>
      <p>
        <a href={`/desk/documents/${state.id}`}>{t('desk.history.back')}</a>
      </p>
      {revisions.length === 0 ? <p>{t('desk.history.none')}</p> : null}
      {langs.map((lang) => {
        const rows = revisions.filter((revision) => revision.lang === lang);
        return (
          <section aria-labelledby={`history-${lang}`}>
            <h2 id={`history-${lang}`}>{t(`desk.history.lang.${lang}`)}</h2>
            <ol reversed>
              {rows
                .map((revision, index) => ({ revision, previous: rows[index - 1] }))
                .reverse()
                .map(({ revision, previous }) => (
                  <li id={`rev-${lang}-${revision.number}`}>
                    <p class="meta">
                      {t('desk.history.entry', {
                        number: revision.number,
                        action: t(`desk.history.action.${revision.action}`, { defaultValue: revision.action }),
                        author: revision.author,
                        at: revision.createdAt.slice(0, 16).replace('T', ' '),
                      })}
                    </p>
                    <Diff
                      before={previous ? revisionText(lang, previous.data) : ''}
                      after={revisionText(lang, revision.data)}
                    />
                    {revision.number !== current(lang) && state.deletedAt === null ? (
                      <form
                        method="post"
                        action={`/desk/documents/${state.id}/revisions/${lang}/${revision.number}/restore`}
                      >
                        <TokenField page={page} />
                        <input type="hidden" name="revision" value={String(current(lang))} />
                        <button type="submit">{t('desk.history.restore', { number: revision.number })}</button>
                      </form>
                    ) : null}
                  </li>
                ))}
            </ol>
          </section>
        );
      })}
    </DeskLayout>
  );
}
