/**
 * The counters of `story_counts` (migrations 0006 and 0007) must always equal a count(*) over
 * the tables they stand for: random sequences of writes go through the real local D1 and its
 * triggers, and after every write the stored counters are compared with a recount. The
 * editorial API's own writes (which replace all links in one batch, also while a document is
 * deleted) are checked the same way.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/db/client.ts';
import { countCorpus, listStories, listTopicCounts } from '../src/db/queries.ts';
import { TOPIC_IDS } from '../src/data/topic-ids.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { callAdmin } from './helpers/admin-call.ts';
import { get, OPERATOR } from './helpers/http.ts';

interface Count {
  scope: string;
  key: string;
  n: number;
}

/** What the counters should hold, counted from scratch. Zero counts are left out. */
async function recount(): Promise<Count[]> {
  const { results } = await env.DB.prepare(
    `SELECT 'all' AS scope, '' AS key, count(*) AS n FROM documents WHERE deleted_at IS NULL
     UNION ALL
     SELECT 'topic', dt.topic_id, count(*) FROM document_topics dt
       JOIN documents d ON d.id = dt.document_id WHERE d.deleted_at IS NULL GROUP BY dt.topic_id
     UNION ALL
     SELECT 'entity', CAST(de.entity_id AS TEXT), count(*) FROM document_entities de
       JOIN documents d ON d.id = de.document_id WHERE d.deleted_at IS NULL GROUP BY de.entity_id
     UNION ALL
     SELECT 'translations', '', count(*) FROM translations`,
  ).all<Count>();
  return sorted(results.filter((row) => row.n !== 0));
}

/** The counters as stored; a counter that fell back to 0 is kept, and left out here. */
async function stored(): Promise<Count[]> {
  const { results } = await env.DB.prepare('SELECT scope, key, n FROM story_counts WHERE n != 0').all<Count>();
  return sorted(results);
}

function sorted(rows: Count[]): Count[] {
  return rows
    .map(({ scope, key, n }) => ({ scope, key: String(key), n }))
    .sort((a, b) => a.scope.localeCompare(b.scope) || a.key.localeCompare(b.key));
}

async function expectExact(context: string): Promise<void> {
  expect(await stored(), context).toEqual(await recount());
}

let entityIds: number[] = [];

beforeAll(async () => {
  await seedTestCorpus(env.DB);
  const { results } = await env.DB.prepare('SELECT id FROM entities ORDER BY id').all<{ id: number }>();
  entityIds = results.map((row) => row.id);
});

describe('story counters', () => {
  it('match a recount after the migration backfill and the seed', async () => {
    const counts = await stored();
    expect(counts.find((row) => row.scope === 'all')?.n).toBeGreaterThan(0);
    expect(counts.some((row) => row.scope === 'topic')).toBe(true);
    expect(counts.some((row) => row.scope === 'entity')).toBe(true);
    await expectExact('after the seed');
  });

  /** A write to the corpus; `doc` picks one of the documents this test created. */
  type Op =
    | { kind: 'insert'; deleted: boolean; topics: number[]; entities: number[] }
    | { kind: 'linkTopic' | 'unlinkTopic' | 'moveTopic'; doc: number; topic: number; to: number }
    | { kind: 'linkEntity' | 'unlinkEntity'; doc: number; entity: number }
    | { kind: 'softDelete' | 'restore' | 'hardDelete' | 'unlinkAllThenDelete'; doc: number }
    | { kind: 'addText' | 'dropText'; doc: number; lang: 'en' | 'uz' | 'ja' };

  const index = fc.nat({ max: 1000 });
  const topic = fc.nat({ max: TOPIC_IDS.length - 1 });
  const entity = fc.nat({ max: 50 });
  const op: fc.Arbitrary<Op> = fc.oneof(
    {
      arbitrary: fc.record({
        kind: fc.constant('insert' as const),
        deleted: fc.boolean(),
        topics: fc.uniqueArray(topic, { maxLength: 3 }),
        entities: fc.uniqueArray(entity, { maxLength: 3 }),
      }),
      weight: 3,
    },
    fc.record({ kind: fc.constantFrom('linkTopic', 'unlinkTopic', 'moveTopic'), doc: index, topic, to: topic }),
    fc.record({ kind: fc.constantFrom('linkEntity', 'unlinkEntity'), doc: index, entity }),
    {
      arbitrary: fc.record({
        kind: fc.constantFrom('softDelete', 'restore', 'hardDelete', 'unlinkAllThenDelete'),
        doc: index,
      }),
      weight: 2,
    },
    fc.record({ kind: fc.constantFrom('addText', 'dropText'), doc: index, lang: fc.constantFrom('en', 'uz', 'ja') }),
  );

  // These documents have no text: kept in a week of their own, far from the editorial test's,
  // so no week rebuild ever loads them.
  let serial = 0;

  /** Runs one write through D1, as plain SQL (the triggers are what is under test). */
  async function apply(step: Op, docs: number[]): Promise<void> {
    const at = new Date().toISOString();
    if (step.kind === 'insert') {
      serial += 1;
      const row = await env.DB.prepare(
        `INSERT INTO documents (slug, source_name, source_url, published_on, iso_week, original_language, content_hash, deleted_at)
         VALUES (?1, 'Counter Wire', ?2, '2019-01-02', '2019-W01', 'en', 'hash', ?3) RETURNING id`,
      )
        .bind(`counter-test-${serial}`, `https://counter.example/${serial}`, step.deleted ? at : null)
        .first<{ id: number }>();
      const id = row!.id;
      docs.push(id);
      // The links in one batch (one transaction), as the editorial API writes them.
      const links = [
        ...step.topics.map((t, position) =>
          env.DB.prepare('INSERT INTO document_topics (document_id, topic_id, position) VALUES (?1, ?2, ?3)').bind(
            id,
            TOPIC_IDS[t],
            position,
          ),
        ),
        ...step.entities.map((e) =>
          env.DB.prepare('INSERT OR IGNORE INTO document_entities (document_id, entity_id) VALUES (?1, ?2)').bind(
            id,
            entityIds[e % entityIds.length],
          ),
        ),
      ];
      if (links.length > 0) await env.DB.batch(links);
      return;
    }
    if (docs.length === 0) return;
    const slot = step.doc % docs.length;
    const id = docs[slot]!;
    switch (step.kind) {
      case 'linkTopic':
        await env.DB.prepare(
          'INSERT OR IGNORE INTO document_topics (document_id, topic_id, position) VALUES (?1, ?2, 9)',
        )
          .bind(id, TOPIC_IDS[step.topic])
          .run();
        break;
      case 'unlinkTopic':
        await env.DB.prepare('DELETE FROM document_topics WHERE document_id = ?1 AND topic_id = ?2')
          .bind(id, TOPIC_IDS[step.topic])
          .run();
        break;
      case 'moveTopic':
        // Changes a link's key columns in place (no code does this today; the triggers allow it).
        await env.DB.prepare(
          'UPDATE OR IGNORE document_topics SET topic_id = ?3 WHERE document_id = ?1 AND topic_id = ?2',
        )
          .bind(id, TOPIC_IDS[step.topic], TOPIC_IDS[step.to])
          .run();
        break;
      case 'linkEntity':
        await env.DB.prepare('INSERT OR IGNORE INTO document_entities (document_id, entity_id) VALUES (?1, ?2)')
          .bind(id, entityIds[step.entity % entityIds.length])
          .run();
        break;
      case 'unlinkEntity':
        await env.DB.prepare('DELETE FROM document_entities WHERE document_id = ?1 AND entity_id = ?2')
          .bind(id, entityIds[step.entity % entityIds.length])
          .run();
        break;
      case 'softDelete':
        // Also on a deleted document: a new deleted_at that stays non-null must change nothing.
        await env.DB.prepare('UPDATE documents SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1').bind(id, at).run();
        break;
      case 'restore':
        await env.DB.prepare('UPDATE documents SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1')
          .bind(id, at)
          .run();
        break;
      case 'hardDelete':
        // The links and texts go by ON DELETE CASCADE.
        await env.DB.prepare('DELETE FROM documents WHERE id = ?1').bind(id).run();
        docs.splice(slot, 1);
        break;
      case 'unlinkAllThenDelete':
        await env.DB.batch([
          env.DB.prepare('DELETE FROM document_topics WHERE document_id = ?1').bind(id),
          env.DB.prepare('DELETE FROM document_entities WHERE document_id = ?1').bind(id),
          env.DB.prepare('DELETE FROM translations WHERE document_id = ?1').bind(id),
          env.DB.prepare('DELETE FROM documents WHERE id = ?1').bind(id),
        ]);
        docs.splice(slot, 1);
        break;
      case 'addText':
        await env.DB.prepare(
          `INSERT INTO translations (document_id, lang, headline, summary, body, content_hash)
           VALUES (?1, ?2, 'Counter headline', 'Counter summary', '[]', 'hash')
           ON CONFLICT (document_id, lang) DO UPDATE SET headline = excluded.headline`,
        )
          .bind(id, step.lang)
          .run();
        break;
      case 'dropText':
        await env.DB.prepare('DELETE FROM translations WHERE document_id = ?1 AND lang = ?2').bind(id, step.lang).run();
        break;
    }
  }

  it('stay equal to a recount through random inserts, link changes, deletes and restores', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (steps) => {
        const docs: number[] = [];
        for (const [at, step] of steps.entries()) {
          await apply(step, docs);
          await expectExact(`after step ${at + 1}: ${JSON.stringify(step)}`);
        }
      }),
      { numRuns: 15 },
    );
  }, 60_000);

  it('are what the page queries return', async () => {
    const expected = await recount();
    const n = (scope: string, key = '') => expected.find((row) => row.scope === scope && row.key === key)?.n ?? 0;
    const db = createDb(env.DB);
    expect(await countCorpus(db)).toEqual({ documents: n('all'), translations: n('translations') });
    const topics = await listTopicCounts(db);
    expect(topics.sort((a, b) => a.topic.localeCompare(b.topic))).toEqual(
      expected
        .filter((row) => row.scope === 'topic')
        .map((row) => ({ topic: row.key, count: row.n }))
        .sort((a, b) => a.topic.localeCompare(b.topic)),
    );
    expect((await listStories(db, 'en', 1, 10)).total).toBe(n('all'));
    expect((await listStories(db, 'en', 1, 10, { topic: 'energy' })).total).toBe(n('topic', 'energy'));
    const japan = await env.DB.prepare("SELECT id FROM entities WHERE slug = 'japan'").first<{ id: number }>();
    expect((await listStories(db, 'en', 1, 10, { entitySlug: 'japan' })).total).toBe(n('entity', String(japan!.id)));
    expect((await listStories(db, 'en', 1, 10, { entitySlug: 'no-such-entity' })).total).toBe(0);
  });
});

const admin = (method: string, path: string, body?: unknown) => callAdmin(method, path, body);

async function revisionOf(id: number): Promise<number> {
  return (await (await admin('GET', `/documents/${id}`)).json<{ revision: number }>()).revision;
}

async function healthCounts(): Promise<{ documents: number; translations: number }> {
  return (await (await get('/healthz', OPERATOR)).json<{ counts: { documents: number; translations: number } }>())
    .counts;
}

describe('story counters through the editorial API', () => {
  it('follow a create, link edits, a delete and a restore, and the pages show them', async () => {
    const energyBefore = (await recount()).find((row) => row.scope === 'topic' && row.key === 'energy')?.n ?? 0;
    const created = await admin('POST', '/documents', {
      headline: 'Counters test: a wind farm opens in Navoi',
      paragraphs: [
        'A wind farm of 500 megawatts opened in the Navoi region on Tuesday, the Ministry of Energy said.',
        'It is expected to supply electricity to about half a million homes.',
      ],
      sourceName: 'Counter Wire',
      sourceUrl: 'https://counter.example/api/wind-farm',
      publishedOn: '2024-03-06',
      language: 'en',
      topics: ['energy', 'investment-finance'],
      entities: ['tashkent'],
    });
    expect(created.status).toBe(201);
    const { id } = await created.json<{ id: number }>();
    await expectExact('after the create');
    expect((await recount()).find((row) => row.scope === 'topic' && row.key === 'energy')?.n).toBe(energyBefore + 1);
    expect(await healthCounts()).toEqual(await countCorpus(createDb(env.DB)));

    const relinked = await admin('PATCH', `/documents/${id}`, {
      revision: await revisionOf(id),
      topics: ['trade'],
      entities: ['japan', 'tashkent'],
    });
    expect(relinked.status).toBe(200);
    await expectExact('after new links');

    const homeBefore = await get('/en/');
    const lastModifiedBefore = Date.parse(homeBefore.headers.get('Last-Modified') ?? '');
    expect(Number.isNaN(lastModifiedBefore)).toBe(false);
    const documentsBefore = (await healthCounts()).documents;

    expect((await admin('DELETE', `/documents/${id}`)).status).toBe(200);
    await expectExact('after the delete');
    expect((await healthCounts()).documents).toBe(documentsBefore - 1);
    // The home page lost a story: its Last-Modified must not go back (a max(updated_at) over
    // the remaining stories could).
    const homeAfter = await get('/en/');
    expect(Date.parse(homeAfter.headers.get('Last-Modified') ?? '')).toBeGreaterThanOrEqual(lastModifiedBefore);
    const tradeText = await (await get('/en/topics/trade')).text();
    expect(tradeText).not.toContain('wind farm opens in Navoi');

    // Links edited while the document is deleted must not count until it is restored.
    const whileDeleted = await admin('PATCH', `/documents/${id}`, {
      revision: await revisionOf(id),
      topics: ['energy'],
    });
    expect(whileDeleted.status).toBe(409);
    await expectExact('after a refused edit');

    expect((await admin('POST', `/documents/${id}/restore`)).status).toBe(200);
    await expectExact('after the restore');
    expect((await healthCounts()).documents).toBe(documentsBefore);
    const trade = (await recount()).find((row) => row.scope === 'topic' && row.key === 'trade')?.n ?? 0;
    const topicPage = await (await get('/en/topics/trade')).text();
    // A topic page counts reports (issue 15, defect 3: a story groups reports).
    expect(topicPage).toContain(trade === 1 ? '1 report' : `${trade} reports`);
    expect(topicPage).toContain('wind farm opens in Navoi');
  });
});
