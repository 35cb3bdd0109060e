/**
 * A document's history: every revision (who, when, what changed, word by word) and restoring
 * one, which the restoreRevision workflow saves as a new revision (admin twin: POST
 * /api/v1/admin/documents/{id}/revisions/{lang}/{n}/restore).
 */
import { Hono } from 'hono';
import { listRevisionsWithData } from '../../db/desk.ts';
import { RevisionConflict } from '../../services/domain-error.ts';
import { requireDocument } from '../../workflows/editorial/documents.ts';
import { restoreRevision } from '../../workflows/editorial/review.ts';
import { rebuildWeeksLater } from '../../workflows/summaries/rebuild-later.ts';
import type { DeskEnv } from '../desk-env.ts';
import { deskPageOf } from '../views/desk-page.ts';
import { HistoryView } from '../views/history-view.tsx';
import { changeOf, readCount, readDocumentId, readForm } from './forms.ts';

export const historyRoutes = new Hono<DeskEnv>();

historyRoutes.get('/desk/documents/:id/history', async (c) => {
  const id = readDocumentId(c);
  const db = c.get('db');
  const [state, revisions] = await Promise.all([requireDocument(db, id), listRevisionsWithData(db, id)]);
  return c.html(
    <HistoryView page={deskPageOf(c, `/desk/documents/${id}/history`)} state={state} revisions={revisions} />,
  );
});

historyRoutes.post('/desk/documents/:id/revisions/:lang/:number/restore', async (c) => {
  const id = readDocumentId(c);
  const lang = c.req.param('lang');
  const number = Number(/^\d{1,9}$/.test(c.req.param('number')) ? c.req.param('number') : NaN);
  const db = c.get('db');
  const fields = await readForm(c);
  if (!Number.isSafeInteger(number)) return c.notFound();
  try {
    const { rebuild } = await restoreRevision(db, id, lang, number, readCount(fields, 'revision'), changeOf(c));
    rebuildWeeksLater(c.executionCtx, db, c.env, rebuild);
  } catch (error) {
    if (!(error instanceof RevisionConflict)) throw error;
    return c.redirect(`/desk/documents/${id}/history?done=changed`, 303);
  }
  return c.redirect(`/desk/documents/${id}/history?done=reverted`, 303);
});
