/** Edition-independent routes: language negotiation, the switch cookie and the health check. */
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { countCorpus } from '../db/queries.ts';
import { listRecentRuns } from '../db/runs.ts';
import type { AppEnv } from '../app-env.ts';
import { isEdition } from '../services/languages.ts';
import { chooseLanguage } from '../services/negotiate.ts';
import { hasAdminToken } from './admin-token.ts';
import { resolveSwitchTarget } from './switch-target.ts';

export const root = new Hono<AppEnv>();

const ONE_YEAR = 365 * 24 * 60 * 60;

root.get('/', (c) => {
  const lang = chooseLanguage(getCookie(c, 'lang'), c.req.header('Accept-Language'));
  c.header('Vary', 'Accept-Language, Cookie');
  c.header('Cache-Control', 'private, no-cache');
  return c.redirect(`/${lang}/`, 302);
});

/**
 * The language switch goes through here so the choice is remembered: it sets the `lang`
 * cookie and sends the reader on to the same page in that language. `next` must be a path
 * of that edition on this site, so the endpoint cannot be used as an open redirect.
 */
root.get('/lang/:lang', (c) => {
  const lang = c.req.param('lang');
  if (!isEdition(lang)) return c.notFound();
  const target = resolveSwitchTarget(lang, c.req.query('next'));
  setCookie(c, 'lang', lang, { path: '/', maxAge: ONE_YEAR, sameSite: 'Lax', secure: true, httpOnly: true });
  c.header('Cache-Control', 'no-store');
  return c.redirect(target, 302);
});

/**
 * Readiness for anyone (load balancers, uptime checks): is D1 answering. The details (counts,
 * the cron's runs and their error strings) go only to an operator sending the admin token.
 */
root.get('/healthz', async (c) => {
  const started = Date.now();
  c.header('Cache-Control', 'no-store');
  try {
    const db = c.get('db');
    if (!(await hasAdminToken(c))) {
      await countCorpus(db);
      return c.json({ status: 'ok', d1: { reachable: true } });
    }
    const [counts, runs] = await Promise.all([countCorpus(db), listRecentRuns(db, 5)]);
    return c.json({
      status: 'ok',
      d1: { reachable: true, latencyMs: Date.now() - started },
      counts,
      cron: {
        lastRuns: runs.map((run) => ({
          scheduledTime: run.scheduledTime,
          cron: run.cron,
          startedAt: run.startedAt,
          endedAt: run.endedAt,
          status: run.status,
          attempts: run.attempts,
          weeksRebuilt: run.weeksRebuilt,
          error: run.error,
          // Set when the run fanned out over the rebuild queue: its tasks' progress.
          tasks: run.tasks,
        })),
      },
    });
  } catch (error) {
    // The reason is logged, not shown: a driver's message can name tables and bindings.
    console.error(JSON.stringify({ message: 'health check failed', error: String(error) }));
    return c.json({ status: 'error', d1: { reachable: false } }, 503);
  }
});
