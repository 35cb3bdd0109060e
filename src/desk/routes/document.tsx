/**
 * The document page and its actions. Each action is the workflow its admin API twin calls
 * (saveTranslation ↔ PUT …/translations/{lang}, approveTranslation ↔ POST …/approve,
 * setDocumentDeleted ↔ DELETE / POST …/restore, resolvePossibleDuplicate ↔ POST …/duplicate), with the signed-in editor as author, and
 * the touched weeks rebuilt after the response. Success redirects (303) to the page, so a
 * reload never posts twice.
 */
import { Hono, type Context } from 'hono';
import { readDeskDocument } from '../../db/desk.ts';
import { normalizeApostrophes } from '../../services/apostrophes.ts';
import { DomainError, RevisionConflict } from '../../services/domain-error.ts';
import { isContentLanguage, type ContentLanguage } from '../../services/languages.ts';
import { correctDocument } from '../../workflows/editorial/correct.ts';
import { requireDocument } from '../../workflows/editorial/documents.ts';
import { setDocumentDeleted } from '../../workflows/editorial/delete-restore.ts';
import { resolvePossibleDuplicate } from '../../workflows/editorial/resolve-duplicate.ts';
import { approveTranslation } from '../../workflows/editorial/review.ts';
import { saveTranslation } from '../../workflows/editorial/translate.ts';
import { rebuildWeeksLater } from '../../workflows/summaries/rebuild-later.ts';
import type { DeskEnv } from '../desk-env.ts';
import { ConflictView } from '../views/conflict-view.tsx';
import { deskPageOf } from '../views/desk-page.ts';
import { DeskLayout } from '../views/desk-layout.tsx';
import { DocumentView, OriginalText } from '../views/document-view.tsx';
import { TextForm, type TextDraft } from '../views/text-form.tsx';
import { changeOf, readCount, readDocumentId, readForm, type FormFields } from './forms.ts';

export const documentRoutes = new Hono<DeskEnv>();

function readLang(c: Context<DeskEnv>): ContentLanguage {
  const lang = c.req.param('lang') ?? '';
  if (!isContentLanguage(lang)) throw new DomainError('not_found', 'No such language.');
  return lang;
}

function backTo(id: number, done: string, lang?: string) {
  return `/desk/documents/${id}?done=${done}${lang ? `#text-${lang}` : ''}`;
}

documentRoutes.get('/desk/documents/:id', async (c) => {
  const id = readDocumentId(c);
  const document = await readDeskDocument(c.get('db'), id);
  if (!document) throw new DomainError('not_found', 'No such document.');
  return c.html(
    <DocumentView page={deskPageOf(c, `/desk/documents/${id}`)} document={document} done={c.req.query('done')} />,
  );
});

/** The submitted text: headline and p0…pN, as many as the original has blocks. */
function readDraft(fields: FormFields, size: number): TextDraft {
  return {
    headline: fields['headline'] ?? '',
    paragraphs: Array.from({ length: size }, (_, index) => fields[`p${index}`] ?? ''),
  };
}

/** Uzbek as it will be stored: any apostrophe after o/g → ʻ (U+02BB), elsewhere → ʼ (U+02BC). */
function normaliseDraft(lang: ContentLanguage, draft: TextDraft): TextDraft {
  if (lang !== 'uz') return draft;
  return { headline: normalizeApostrophes(draft.headline), paragraphs: draft.paragraphs.map(normalizeApostrophes) };
}

documentRoutes.post('/desk/documents/:id/texts/:lang', async (c) => {
  const id = readDocumentId(c);
  const lang = readLang(c);
  const db = c.get('db');
  const state = await requireDocument(db, id);
  const kinds = state.texts[state.meta.originalLanguage]?.blocks.map((block) => block.kind) ?? [];
  const fields = await readForm(c);
  const base = readCount(fields, 'revision');
  const draft = normaliseDraft(lang, readDraft(fields, kinds.length));
  const page = deskPageOf(c, `/desk/documents/${id}`);
  const edit = (error: string | undefined, status: 200 | 422) =>
    c.html(
      <DeskLayout page={page} title={page.t('desk.document.editTitle')}>
        <h1>{page.t('desk.document.editTitle')}</h1>
        <div class="desk-cols">
          <OriginalText page={page} state={state} />
          <TextForm page={page} documentId={id} lang={lang} base={base} draft={draft} kinds={kinds} error={error} />
        </div>
      </DeskLayout>,
      status,
    );
  if (fields['intent'] === 'preview') return edit(undefined, 200);
  if (!draft.headline.trim() || draft.paragraphs.some((text) => text.length > 20_000) || draft.headline.length > 300) {
    return edit(page.t('desk.document.invalid'), 422);
  }
  try {
    const { rebuild } = await saveTranslation(db, id, lang, { revision: base, ...draft }, changeOf(c));
    rebuildWeeksLater(c.executionCtx, db, c.env, rebuild);
  } catch (error) {
    if (!(error instanceof RevisionConflict)) throw error;
    const fresh = await requireDocument(db, id);
    return c.html(<ConflictView page={page} state={fresh} lang={lang} yours={draft} />, 409);
  }
  return c.redirect(backTo(id, 'saved', lang), 303);
});

documentRoutes.post('/desk/documents/:id/texts/:lang/approve', async (c) => {
  const id = readDocumentId(c);
  const lang = readLang(c);
  const db = c.get('db');
  const fields = await readForm(c);
  try {
    const { rebuild } = await approveTranslation(db, id, lang, readCount(fields, 'revision'), changeOf(c));
    rebuildWeeksLater(c.executionCtx, db, c.env, rebuild);
  } catch (error) {
    if (!(error instanceof RevisionConflict)) throw error;
    // Someone changed the text since it was read: show it again rather than approve unseen text.
    return c.redirect(backTo(id, 'changed', lang), 303);
  }
  return c.redirect(backTo(id, 'approved', lang), 303);
});

async function setDeleted(c: Context<DeskEnv>, deleted: boolean) {
  const id = readDocumentId(c);
  const db = c.get('db');
  const { rebuild } = await setDocumentDeleted(db, id, deleted, changeOf(c));
  rebuildWeeksLater(c.executionCtx, db, c.env, rebuild);
  return c.redirect(backTo(id, deleted ? 'unpublished' : 'restored'), 303);
}

/** A possible duplicate answered: resolvePossibleDuplicate, the twin of POST …/duplicate. */
documentRoutes.post('/desk/documents/:id/duplicate', async (c) => {
  const id = readDocumentId(c);
  const db = c.get('db');
  const decision = (await readForm(c))['decision'];
  if (decision !== 'separate' && decision !== 'same') throw new DomainError('invalid_request', 'No such decision.');
  const { rebuild } = await resolvePossibleDuplicate(db, id, decision, changeOf(c));
  rebuildWeeksLater(c.executionCtx, db, c.env, rebuild);
  return c.redirect(backTo(id, decision === 'same' ? 'merged' : 'separate'), 303);
});

documentRoutes.post('/desk/documents/:id/unpublish', (c) => setDeleted(c, true));
documentRoutes.post('/desk/documents/:id/restore', (c) => setDeleted(c, false));

/** Topics and entities (comma-separated ids / slugs): correctDocument, the twin of PATCH /documents/{id}. */
documentRoutes.post('/desk/documents/:id/meta', async (c) => {
  const id = readDocumentId(c);
  const db = c.get('db');
  const fields = await readForm(c);
  const list = (name: string) =>
    (fields[name] ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
  try {
    const patch = { revision: readCount(fields, 'revision'), topics: list('topics'), entities: list('entities') };
    const { rebuild } = await correctDocument(db, id, patch, changeOf(c));
    rebuildWeeksLater(c.executionCtx, db, c.env, rebuild);
  } catch (error) {
    if (!(error instanceof RevisionConflict)) throw error;
    return c.redirect(backTo(id, 'changed'), 303);
  }
  return c.redirect(backTo(id, 'saved'), 303);
});
