/**
 * The document page: its facts, then each language's text beside the original, with the
 * edit form, the approve form for a machine translation, and unpublish / restore.
 */
import type { DeskDocument } from '../../db/desk.ts';
import type { DocumentState, StoredText } from '../../db/editorial.ts';
import { CONTENT_LANGUAGES, LANGUAGE_NAMES, LANGUAGE_TAGS } from '../../services/languages.ts';
import { DeskLayout, TokenField, type DeskPage } from './desk-layout.tsx';
import { ProvenanceFacts } from './provenance-view.tsx';
import { TextForm, type TextDraft } from './text-form.tsx';

export function draftOf(text: StoredText | undefined, size: number): TextDraft {
  if (!text) return { headline: '', paragraphs: Array.from({ length: size }, () => '') };
  return { headline: text.headline, paragraphs: text.blocks.map((block) => block.text) };
}

/** The original, read-only, for the left column. */
export function OriginalText({ page, state }: { page: DeskPage; state: DocumentState }) {
  const lang = state.meta.originalLanguage;
  const original = state.texts[lang];
  return (
    <section aria-label={page.t('desk.document.original')} lang={lang === 'uz' ? LANGUAGE_TAGS.uz : lang}>
      <p>
        <strong>{original?.headline}</strong>
      </p>
      {original?.blocks.map((block) => (block.kind === 'p' ? <p>{block.text}</p> : <h4>{block.text}</h4>))}
    </section>
  );
}

function originLabel(page: DeskPage, text: StoredText | undefined): string {
  if (!text) return page.t('desk.document.origin.missing');
  return page.t(
    `desk.document.origin.${text.origin === 'machine' || text.origin === 'source' ? text.origin : 'human'}`,
  );
}

/** Notices after a redirect (?done=…); anything else shows nothing. */
const NOTICES = new Set(['saved', 'approved', 'unpublished', 'restored', 'changed', 'reverted', 'separate', 'merged']);

export function DocumentView({
  page,
  document,
  done,
}: {
  page: DeskPage;
  document: DeskDocument;
  done?: string | undefined;
}) {
  const { t } = page;
  const { state } = document;
  const { meta } = state;
  const original = state.texts[meta.originalLanguage];
  const kinds = original?.blocks.map((block) => block.kind) ?? [];
  const title = original?.headline ?? meta.slug;
  const deleted = state.deletedAt !== null;
  const order = [meta.originalLanguage, ...CONTENT_LANGUAGES.filter((lang) => lang !== meta.originalLanguage)];
  return (
    <DeskLayout page={page} title={title}>
      <h1>{title}</h1>
      {done && NOTICES.has(done) ? (
        <p class="note" role="status">
          {t(`desk.document.done.${done}`)}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t('desk.document.source')}</dt>
        <dd>
          <a href={meta.sourceUrl} rel="noopener noreferrer">
            {meta.sourceName}
          </a>
        </dd>
        <dt>{t('desk.document.published')}</dt>
        <dd>{meta.publishedOn}</dd>
        <dt>{t('desk.document.week')}</dt>
        <dd>{state.isoWeek}</dd>
        <dt>{t('desk.document.status')}</dt>
        <dd>{deleted ? t('desk.document.unpublished') : t('desk.document.published')}</dd>
        <dt>{t('desk.document.topics')}</dt>
        <dd>{meta.topics.join(', ') || '—'}</dd>
        <dt>{t('desk.document.entities')}</dt>
        <dd>{meta.entities.join(', ') || '—'}</dd>
      </dl>
      <ProvenanceFacts page={page} document={document} />
      <p>
        <a href={`/desk/documents/${state.id}/history`}>{t('desk.history.link')}</a>
        {deleted ? null : (
          <>
            {' · '}
            <a href={`/en/articles/${meta.slug}`}>{t('desk.document.readerPage')}</a>
          </>
        )}
      </p>
      {deleted ? null : (
        <form method="post" action={`/desk/documents/${state.id}/meta`} class="desk-form">
          <TokenField page={page} />
          <input type="hidden" name="revision" value={String(state.revision)} />
          <p>
            <label for="meta-topics">{t('desk.document.topics')}</label>
            <input id="meta-topics" name="topics" type="text" value={meta.topics.join(', ')} />
          </p>
          <p>
            <label for="meta-entities">{t('desk.document.entities')}</label>
            <input id="meta-entities" name="entities" type="text" value={meta.entities.join(', ')} />
          </p>
          <p>
            <button type="submit">{t('desk.document.saveMeta')}</button>
          </p>
        </form>
      )}
      <form method="post" action={`/desk/documents/${state.id}/${deleted ? 'restore' : 'unpublish'}`}>
        <TokenField page={page} />
        <button type="submit">{deleted ? t('desk.document.restore') : t('desk.document.unpublish')}</button>
      </form>
      {deleted
        ? null
        : order.map((lang) => {
            const text = state.texts[lang];
            const isOriginal = lang === meta.originalLanguage;
            return (
              <section id={`text-${lang}`} aria-labelledby={`text-${lang}-title`}>
                <h2 id={`text-${lang}-title`}>
                  {LANGUAGE_NAMES[lang as 'en']} · {isOriginal ? t('desk.document.original') : originLabel(page, text)}
                </h2>
                {text?.origin === 'machine' ? (
                  <form method="post" action={`/desk/documents/${state.id}/texts/${lang}/approve`}>
                    <TokenField page={page} />
                    <input type="hidden" name="revision" value={String(text.revision)} />
                    <button type="submit">{t('desk.document.approve')}</button>
                  </form>
                ) : null}
                <div class={isOriginal ? undefined : 'desk-cols'}>
                  {isOriginal ? null : <OriginalText page={page} state={state} />}
                  <TextForm
                    page={page}
                    documentId={state.id}
                    lang={lang}
                    base={text?.revision ?? 0}
                    draft={draftOf(text, kinds.length)}
                    kinds={kinds}
                  />
                </div>
              </section>
            );
          })}
    </DeskLayout>
  );
}
