import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/db/client.ts';
import { listStories } from '../src/db/queries.ts';
import { createD1Stats, createVersionTap, instrumentSession } from '../src/db/session.ts';
import { seedTestCorpus } from './helpers/corpus.ts';

async function currentVersion(): Promise<number> {
  const row = await env.DB.prepare('SELECT content_version AS v FROM site_state WHERE id = 1').first<{ v: number }>();
  return row?.v ?? -1;
}

function openTapped() {
  const stats = createD1Stats();
  const tap = createVersionTap();
  const session = instrumentSession(env.DB.withSession('first-unconstrained'), stats, tap);
  return { stats, tap, session, db: createDb(session) };
}

beforeAll(async () => {
  await seedTestCorpus(env.DB);
  // A version that is not the default, so a label of 0 or 1 could not pass by accident.
  await env.DB.prepare('UPDATE site_state SET content_version = content_version + 41 WHERE id = 1').run();
});

describe('version tap', () => {
  it('left unarmed, reads nothing extra', async () => {
    const { stats, tap, db } = openTapped();
    await listStories(db, 'en', 1, 5);
    expect(stats.roundTrips).toBe(1);
    expect(tap.version).toBeUndefined();
  });

  it('armed, reads the version inside the first batch and hands the page its own results', async () => {
    const plain = openTapped();
    const expected = await listStories(plain.db, 'ja', 1, 5);

    const { stats, tap, db } = openTapped();
    tap.armed = true;
    const page = await listStories(db, 'ja', 1, 5);
    expect(page).toEqual(expected);
    expect(page.items.length).toBe(5);
    expect(tap.version).toBe(await currentVersion());
    expect(stats.roundTrips).toBe(1);

    // Only the first read carries it.
    await listStories(db, 'ja', 2, 5);
    expect(stats.roundTrips).toBe(2);
    expect(stats.rowsRead).toBeGreaterThan(0);
  });

  it('armed, reads the version before a single statement (never after the data)', async () => {
    const { stats, tap, session } = openTapped();
    tap.armed = true;
    const row = await session.prepare('SELECT count(*) AS n FROM documents').first<{ n: number }>();
    expect(row?.n).toBeGreaterThan(0);
    expect(tap.version).toBe(await currentVersion());
    expect(stats.roundTrips).toBe(2);
  });
});
