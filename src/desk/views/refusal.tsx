import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DeskEnv } from '../desk-env.ts';
import { DeskLayout } from './desk-layout.tsx';

export type RefusalReason =
  'closed' | 'accessDenied' | 'formExpired' | 'crossSite' | 'notFound' | 'deleted' | 'invalid';

/** A desk page that says no, in the editor's language; nothing was changed. */
export function renderRefusal(c: Context<DeskEnv>, status: ContentfulStatusCode, reason: RefusalReason) {
  const t = c.get('t');
  const page = { t, lang: c.get('lang'), path: '/desk/' };
  const title = t(`desk.refused.${reason}.title`);
  return c.html(
    <DeskLayout page={page} title={title}>
      <h1>{title}</h1>
      <p>{t(`desk.refused.${reason}.message`)}</p>
      <p>
        <a href="/desk/">{t('desk.backToQueue')}</a>
      </p>
    </DeskLayout>,
    status,
  );
}
