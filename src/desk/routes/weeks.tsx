/**
 * Rebuilding a week's summaries now (admin twin: POST /api/v1/admin/rebuild?week=), with how
 * many summary rows the rebuild changed (0: they were already up to date).
 */
import { Hono, type Context } from 'hono';
import { getWeekRange, isIsoWeek } from '../../services/iso-week.ts';
import { rebuildChangedWeeks } from '../../workflows/summaries/build-week.ts';
import type { DeskEnv } from '../desk-env.ts';
import { DeskLayout, TokenField } from '../views/desk-layout.tsx';
import { deskPageOf } from '../views/desk-page.ts';
import { readForm } from './forms.ts';

export const weekRoutes = new Hono<DeskEnv>();

function showWeeks(c: Context<DeskEnv>, week: string, outcome?: { error: boolean; text: string }) {
  const page = deskPageOf(c, '/desk/weeks');
  const { t } = page;
  return c.html(
    <DeskLayout page={page} title={t('desk.weeks.title')}>
      <h1>{t('desk.weeks.title')}</h1>
      {outcome ? (
        <p class="note" role={outcome.error ? 'alert' : 'status'}>
          {outcome.text}
        </p>
      ) : null}
      <form method="post" action="/desk/weeks/rebuild" class="desk-form">
        <TokenField page={page} />
        <p>
          <label for="week">{t('desk.weeks.week')}</label>
          <input
            id="week"
            name="week"
            type="text"
            required
            pattern="\d{4}-W\d{2}"
            value={week}
            aria-describedby="week-hint"
          />
          <span id="week-hint" class="meta">
            {t('desk.weeks.hint')}
          </span>
        </p>
        <p>
          <button type="submit">{t('desk.weeks.rebuild')}</button>
        </p>
      </form>
    </DeskLayout>,
    outcome?.error ? 422 : 200,
  );
}

weekRoutes.get('/desk/weeks', (c) => showWeeks(c, ''));

weekRoutes.post('/desk/weeks/rebuild', async (c) => {
  const week = ((await readForm(c))['week'] ?? '').trim();
  const t = c.get('t');
  if (!isIsoWeek(week) || !getWeekRange(week))
    return showWeeks(c, week, { error: true, text: t('desk.weeks.invalid') });
  const clock = { at: new Date().toISOString(), timeZone: c.env.DIGEST_TIME_ZONE || 'UTC' };
  const rowsChanged = await rebuildChangedWeeks(c.get('db'), [week], clock);
  return showWeeks(c, week, { error: false, text: t('desk.weeks.done', { week, count: rowsChanged }) });
});
