/**
 * One timestamp format, ISO 8601 UTC with milliseconds: what every writer stores, and what
 * migration 0010 makes of the seconds-only instants older rows and triggers left.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { ORIGIN } from './helpers/http.ts';

const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

async function column(sql: string): Promise<string[]> {
  const { results } = await env.DB.prepare(sql).all<{ at: string }>();
  return results.map((row) => row.at);
}

/** Runs migration 0010 again, as `wrangler d1 migrations apply` would on an older database. */
async function migrate(): Promise<number> {
  const migration = env.TEST_MIGRATIONS.find((entry) => entry.name.startsWith('0010_'));
  if (!migration) throw new Error('no migration 0010');
  const results = await env.DB.batch(migration.queries.map((query) => env.DB.prepare(query)));
  // Rows written, by the UPDATEs and the triggers they fire (DROP and CREATE TRIGGER write none).
  return results.reduce((sum, result) => sum + result.meta.changes, 0);
}

beforeAll(async () => {
  await seedTestCorpus(env.DB);
});

describe('stored instants', () => {
  it('are all ISO 8601 UTC with milliseconds after a seed, an editor’s change and a new source', async () => {
    const ctx = createExecutionContext();
    const response = await worker.fetch(
      new Request(`${ORIGIN}/api/v1/admin/documents/1`, {
        method: 'DELETE',
        headers: { Authorization: 'Bearer test-admin-token' },
      }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(200);
    const source = await worker.fetch(
      new Request(`${ORIGIN}/api/v1/admin/sources`, {
        method: 'POST',
        headers: { Authorization: 'Bearer test-admin-token', 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Clock Wire', feedUrl: 'https://clock.example/rss', language: 'en' }),
      }),
      env,
      createExecutionContext(),
    );
    expect(source.status).toBe(201);
    const instants = [
      ...(await column('SELECT created_at AS at FROM documents')),
      ...(await column('SELECT updated_at AS at FROM documents')),
      ...(await column('SELECT deleted_at AS at FROM documents WHERE deleted_at IS NOT NULL')),
      ...(await column('SELECT created_at AS at FROM revisions')),
      ...(await column('SELECT changed_at AS at FROM site_state')),
      ...(await column('SELECT created_at AS at FROM sources')),
      ...(await column('SELECT updated_at AS at FROM sources')),
    ];
    expect(instants.length).toBeGreaterThan(12);
    for (const at of instants) expect(at).toMatch(ISO_MS);
  });

  it('in the old seconds-only format are rewritten by migration 0010, once', async () => {
    await env.DB.batch([
      env.DB.prepare("UPDATE documents SET created_at = '2025-12-01T10:00:00Z' WHERE id = 2"),
      env.DB.prepare(
        `INSERT INTO cron_runs (scheduled_time, cron, started_at, ended_at, status, attempts, weeks_rebuilt)
         VALUES ('2025-12-22T06:00:00.000Z', '0 6 * * 1', '2025-12-22T06:00:01Z', '2025-12-22T06:00:02.250Z', 'ok', 1, '[]')`,
      ),
    ]);
    await env.DB.prepare("UPDATE sources SET last_polled_at = '2025-12-22T07:00:00Z'").run();
    await migrate();
    expect(await column('SELECT created_at AS at FROM documents WHERE id = 2')).toEqual(['2025-12-01T10:00:00.000Z']);
    expect(await column('SELECT DISTINCT last_polled_at AS at FROM sources')).toEqual(['2025-12-22T07:00:00.000Z']);
    expect(await column('SELECT started_at AS at FROM cron_runs')).toEqual(['2025-12-22T06:00:01.000Z']);
    expect(await column('SELECT ended_at AS at FROM cron_runs')).toEqual(['2025-12-22T06:00:02.250Z']);
    // Apart: rewriting a document moves the content version, which stamps the time anew.
    await env.DB.prepare("UPDATE site_state SET changed_at = '2025-12-02T11:30:15Z'").run();
    await migrate();
    expect(await column('SELECT changed_at AS at FROM site_state')).toEqual(['2025-12-02T11:30:15.000Z']);
    // Nothing left to rewrite: a second run writes no row (D1 counts trigger writes too).
    expect(await migrate()).toBe(0);
  });
});
