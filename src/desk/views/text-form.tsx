/**
 * One edition's edit form: headline and one field per paragraph of the original, saved with
 * the revision it was based on. For Uzbek it also shows the Cyrillic edition the text makes.
 */
import { transliterateUzLatnToCyrl } from '../../services/transliterate.ts';
import { LANGUAGE_TAGS } from '../../services/languages.ts';
import { TokenField, type DeskPage } from './desk-layout.tsx';

export interface TextDraft {
  headline: string;
  paragraphs: string[];
}

export function TextForm({
  page,
  documentId,
  lang,
  base,
  draft,
  kinds,
  error,
}: {
  page: DeskPage;
  documentId: number;
  lang: string;
  /** The revision the editor is editing (0: no text yet). */
  base: number;
  draft: TextDraft;
  kinds: readonly string[];
  error?: string | undefined;
}) {
  const { t } = page;
  const tag = lang === 'uz' ? LANGUAGE_TAGS.uz : lang;
  const id = (suffix: string) => `f-${lang}-${suffix}`;
  return (
    <form method="post" action={`/desk/documents/${documentId}/texts/${lang}`} class="desk-form">
      <TokenField page={page} />
      <input type="hidden" name="revision" value={String(base)} />
      {error ? (
        <p class="note" role="alert">
          {error}
        </p>
      ) : null}
      <p>
        <label for={id('headline')}>{t('desk.document.headline')}</label>
        <input id={id('headline')} name="headline" type="text" lang={tag} maxlength={300} value={draft.headline} />
      </p>
      {kinds.map((kind, index) => (
        <p>
          <label for={id(`p${index}`)}>
            {t(kind === 'p' ? 'desk.document.paragraph' : 'desk.document.heading', { number: index + 1 })}
          </label>
          <textarea id={id(`p${index}`)} name={`p${index}`} lang={tag} rows={kind === 'p' ? 5 : 2}>
            {draft.paragraphs[index] ?? ''}
          </textarea>
        </p>
      ))}
      <p class="actions">
        <button type="submit" name="intent" value="save">
          {t('desk.document.save')}
        </button>
        {lang === 'uz' ? (
          <button type="submit" name="intent" value="preview">
            {t('desk.document.preview')}
          </button>
        ) : null}
      </p>
      {lang === 'uz' ? <CyrillicPreview page={page} draft={draft} /> : null}
    </form>
  );
}

/** What readers of /uz-Cyrl/ will see for this Latin text (transliterated as pages are). */
function CyrillicPreview({ page, draft }: { page: DeskPage; draft: TextDraft }) {
  return (
    <details class="desk-cyrl" open>
      <summary>{page.t('desk.document.cyrillic')}</summary>
      <div lang="uz-Cyrl">
        <p>
          <strong>{transliterateUzLatnToCyrl(draft.headline)}</strong>
        </p>
        {draft.paragraphs.map((text) => (
          <p>{transliterateUzLatnToCyrl(text)}</p>
        ))}
      </div>
    </details>
  );
}
