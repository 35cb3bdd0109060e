/**
 * Someone saved this text after the editor opened it: their version beside the editor's, and
 * the editor's text in a form based on the new revision, so saving again is a deliberate act
 * made after seeing what it replaces. Nothing was overwritten.
 */
import type { DocumentState } from '../../db/editorial.ts';
import { DeskLayout, type DeskPage } from './desk-layout.tsx';
import { TextForm, type TextDraft } from './text-form.tsx';
import { draftOf } from './document-view.tsx';

function TextColumn({ title, draft, lang }: { title: string; draft: TextDraft; lang: string }) {
  return (
    <section aria-label={title} lang={lang === 'uz' ? 'uz-Latn' : lang}>
      <h2>{title}</h2>
      <p>
        <strong>{draft.headline}</strong>
      </p>
      {draft.paragraphs.map((text) => (
        <p>{text}</p>
      ))}
    </section>
  );
}

export function ConflictView({
  page,
  state,
  lang,
  yours,
}: {
  page: DeskPage;
  state: DocumentState;
  lang: string;
  yours: TextDraft;
}) {
  const { t } = page;
  const kinds = state.texts[state.meta.originalLanguage]?.blocks.map((block) => block.kind) ?? [];
  const current = state.texts[lang];
  const theirs = draftOf(current, kinds.length);
  return (
    <DeskLayout page={page} title={t('desk.conflict.title')}>
      <h1>{t('desk.conflict.title')}</h1>
      <p class="note" role="alert">
        {t('desk.conflict.message', { revision: current?.revision ?? 0 })}
      </p>
      <div class="desk-cols">
        <TextColumn title={t('desk.conflict.theirs')} draft={theirs} lang={lang} />
        <TextColumn title={t('desk.conflict.yours')} draft={yours} lang={lang} />
      </div>
      <h2>{t('desk.conflict.again')}</h2>
      <TextForm
        page={page}
        documentId={state.id}
        lang={lang}
        base={current?.revision ?? 0}
        draft={yours}
        kinds={kinds}
      />
      <p>
        <a href={`/desk/documents/${state.id}#text-${lang}`}>{t('desk.conflict.discard')}</a>
      </p>
    </DeskLayout>
  );
}
