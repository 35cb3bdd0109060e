import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { get, OPERATOR } from './helpers/http.ts';

const CRON = '0 6 * * 1';
const MONDAY = new Date('2025-12-22T06:00:00Z');

async function fireCron(scheduledTime: Date = MONDAY): Promise<void> {
  await worker.scheduled(createScheduledController({ scheduledTime, cron: CRON }), env);
}

async function summaries() {
  const { results } = await env.DB.prepare('SELECT * FROM weekly_summaries ORDER BY week, lang').all<{
    week: string;
    lang: string;
    content: string;
    content_hash: string;
    first_published_at: string;
    updated_at: string;
  }>();
  return results;
}

beforeAll(async () => {
  await seedTestCorpus(env.DB);
});

beforeEach(async () => {
  await env.DB.batch([
    env.DB.prepare('DELETE FROM weekly_summaries'),
    env.DB.prepare('DELETE FROM cron_runs'),
    env.DB.prepare('DROP TRIGGER IF EXISTS fail_w51_ja'),
  ]);
});

describe('scheduled rebuild', () => {
  it('builds every week of the corpus in every language', async () => {
    await fireCron();
    const rows = await summaries();
    expect(rows.map((row) => `${row.week}/${row.lang}`)).toEqual(
      ['2022-W15', '2024-W04', '2025-W34', '2025-W51'].flatMap((week) =>
        ['en', 'ja', 'uz', 'uz-Cyrl'].map((lang) => `${week}/${lang}`),
      ),
    );
    const w51 = JSON.parse(rows.find((row) => row.week === '2025-W51' && row.lang === 'en')?.content ?? '{}') as {
      stories: { sources: { slug: string }[] }[];
    };
    expect(w51.stories).toHaveLength(1);
    expect(w51.stories[0]?.sources).toHaveLength(2);
    // Each week is dated when its summary was due (the Monday 06:00 after it), not when this
    // backfill ran: readers must not see 2022's news as new.
    const due: Record<string, string> = {
      '2022-W15': '2022-04-18T06:00:00.000Z',
      '2024-W04': '2024-01-29T06:00:00.000Z',
      '2025-W34': '2025-08-25T06:00:00.000Z',
      '2025-W51': MONDAY.toISOString(),
    };
    for (const row of rows) {
      expect(row.first_published_at, row.week).toBe(due[row.week]);
      expect(row.updated_at, row.week).toBe(row.first_published_at);
    }
  });

  it('dates the week that just ended by the run when the run is late, older weeks by when they were due', async () => {
    await fireCron(new Date('2025-12-24T15:30:00Z'));
    const rows = await summaries();
    expect(rows.find((row) => row.week === '2025-W51')?.first_published_at).toBe('2025-12-24T15:30:00.000Z');
    expect(rows.find((row) => row.week === '2025-W34')?.first_published_at).toBe('2025-08-25T06:00:00.000Z');
  });

  it('is idempotent: a retry of the same run and a later run change nothing', async () => {
    await fireCron();
    const before = await summaries();
    await fireCron();
    await fireCron(new Date('2025-12-29T06:00:00Z'));
    expect(await summaries()).toEqual(before);
    const runs = await env.DB.prepare('SELECT scheduled_time, status, attempts FROM cron_runs ORDER BY id').all();
    expect(runs.results).toEqual([
      { scheduled_time: MONDAY.toISOString(), status: 'ok', attempts: 2 },
      { scheduled_time: '2025-12-29T06:00:00.000Z', status: 'ok', attempts: 1 },
    ]);
  });

  it('leaves exactly one summary per week and language when two runs overlap', async () => {
    await Promise.all([fireCron(), fireCron(new Date('2025-12-29T06:00:00Z')), fireCron()]);
    const rows = await summaries();
    expect(rows).toHaveLength(16);
    expect(new Set(rows.map((row) => `${row.week}/${row.lang}`)).size).toBe(16);
  });

  it('keeps the previous summary whole when D1 fails mid-build, and records the error', async () => {
    await fireCron();
    const before = await summaries();
    // An editor changes a W51 report; then the write of the Japanese summary fails.
    await env.DB.batch([
      env.DB.prepare(
        `UPDATE translations SET headline = 'Uzbekistan and Japan sign a $12bn portfolio', content_hash = 'edited'
         WHERE lang = 'en' AND document_id = (SELECT id FROM documents WHERE slug = 'uzbekistan-and-japan-sign-12bn-cooperation-portfolio')`,
      ),
      env.DB.prepare(
        `UPDATE documents SET content_hash = 'edited' WHERE slug = 'uzbekistan-and-japan-sign-12bn-cooperation-portfolio'`,
      ),
      env.DB.prepare(
        `CREATE TRIGGER fail_w51_ja BEFORE UPDATE ON weekly_summaries WHEN NEW.week = '2025-W51' AND NEW.lang = 'ja'
         BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
      ),
    ]);
    await expect(fireCron(new Date('2025-12-29T06:00:00Z'))).rejects.toThrow(/injected failure/);
    // The English summary of the same week was in the same batch: it is unchanged too.
    expect(await summaries()).toEqual(before);
    const run = await env.DB.prepare(
      "SELECT status, error FROM cron_runs WHERE scheduled_time = '2025-12-29T06:00:00.000Z'",
    ).first();
    expect(run).toMatchObject({ status: 'error' });
    expect(String(run?.error)).toMatch(/injected failure/);

    // Once D1 is healthy again, the next run backfills the changed week.
    await env.DB.prepare('DROP TRIGGER fail_w51_ja').run();
    await fireCron(new Date('2026-01-05T06:00:00Z'));
    const after = await summaries();
    const en = after.find((row) => row.week === '2025-W51' && row.lang === 'en');
    expect(en?.content).toContain('Uzbekistan and Japan sign a $12bn portfolio');
    // A rebuild moves the updated date only; the first publication date stays.
    expect(en?.first_published_at).toBe(MONDAY.toISOString());
    expect(en?.updated_at).toBe('2026-01-05T06:00:00.000Z');
    const untouched = after.find((row) => row.week === '2022-W15' && row.lang === 'en');
    expect(untouched?.updated_at).toBe('2022-04-18T06:00:00.000Z');
  });

  it('shows the last runs to an operator in /healthz', async () => {
    await fireCron();
    const body = await (
      await get('/healthz', OPERATOR)
    ).json<{ cron: { lastRuns: { status: string; weeksRebuilt: string[] }[] } }>();
    expect(body.cron.lastRuns[0]?.status).toBe('ok');
    expect(body.cron.lastRuns[0]?.weeksRebuilt).toContain('2025-W51');
  });
});
