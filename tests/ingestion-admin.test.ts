import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { createDb } from '../src/db/client.ts';
import sourcesFile from '../content/sources.json';
import { getSource, insertSource, listSources, seedSources, updateSource } from '../src/db/sources.ts';
import { parseSourceRegistry } from '../src/workflows/ingestion/source-registry.ts';
import {
  consumeIngestBatch,
  INLINE_SUBREQUEST_BUDGET,
  runIngestionCron,
  type IngestMessage,
} from '../src/workflows/ingestion/run-ingestion.ts';
import { ADMIN_TOKEN, callAdmin } from './helpers/admin-call.ts';
import { get, ORIGIN } from './helpers/http.ts';

const TOKEN = ADMIN_TOKEN;

const call = callAdmin;

interface SourceView {
  id: number;
  name: string;
  rights: string;
  enabled: boolean;
  health: Record<string, unknown>;
}

describe('the sources admin API', () => {
  it('needs the editorial bearer token', async () => {
    expect((await call('GET', '/sources', undefined, null)).status).toBe(401);
    expect((await call('GET', '/sources', undefined, 'wrong')).status).toBe(403);
  });

  it('registers, lists, edits and disables sources', async () => {
    const created = await call('POST', '/sources', {
      name: 'Kun.uz',
      feedUrl: 'https://kun.uz/en/rss',
      language: 'en',
    });
    expect(created.status).toBe(201);
    const source = await created.json<SourceView>();
    expect(created.headers.get('Location')).toBe(`/api/v1/admin/sources/${source.id}`);
    expect(source).toMatchObject({ name: 'Kun.uz', rights: 'excerpt', enabled: true });
    expect(source.health).toEqual({
      lastPolledAt: null,
      lastStatus: null,
      lastError: null,
      consecutiveFailures: 0,
      nextPollAt: null,
      itemsSeen: 0,
      itemsAccepted: 0,
      itemsSkipped: 0,
    });

    const again = await call('POST', '/sources', {
      name: 'Kun again',
      feedUrl: 'https://kun.uz/en/rss',
      language: 'en',
    });
    expect(again.status).toBe(409);
    expect((await again.json<{ error: { code: string } }>()).error.code).toBe('source_exists');

    const listed = await (await call('GET', '/sources')).json<{ sources: SourceView[] }>();
    expect(listed.sources.map((row) => row.id)).toContain(source.id);

    const patched = await call('PATCH', `/sources/${source.id}`, { rights: 'headline', name: 'Kun.uz (English)' });
    expect(await patched.json()).toMatchObject({ rights: 'headline', name: 'Kun.uz (English)' });

    const deleted = await call('DELETE', `/sources/${source.id}`);
    expect(await deleted.json()).toMatchObject({ enabled: false });
    // Kept, with its history.
    expect((await getSource(createDb(env.DB), source.id))?.name).toBe('Kun.uz (English)');
    expect((await call('PATCH', '/sources/999999', { rights: 'full' })).status).toBe(404);
  });

  it('answers 422 with field errors for invalid sources, private feed URLs included', async () => {
    const response = await call('POST', '/sources', { name: '', feedUrl: 'ftp://x', language: 'fr', rights: 'all' });
    expect(response.status).toBe(422);
    const { error } = await response.json<{ error: { fields: Record<string, string> } }>();
    expect(Object.keys(error.fields).sort()).toEqual(['feedUrl', 'language', 'name', 'rights']);
    const local = await call('POST', '/sources', { name: 'Local', feedUrl: 'http://192.168.0.10/rss', language: 'en' });
    expect(local.status).toBe(422);
    expect(await local.text()).toContain('private or local address');
  });

  it('polls a source on demand and reports the outcome', async () => {
    // Registered while private hosts were allowed; polled now that they are not: no request leaves.
    const source = await (
      await worker.fetch(
        new Request(`${ORIGIN}/api/v1/admin/sources`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: 'Fixture', feedUrl: 'http://127.0.0.1:1/rss', language: 'en' }),
        }),
        { ...env, INGEST_ALLOW_PRIVATE_HOSTS: 'true' },
        createExecutionContext(),
      )
    ).json<SourceView>();
    const response = await call('POST', `/sources/${source.id}/poll`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'error',
      httpStatus: null,
      itemsSeen: 0,
      accepted: [],
      skipped: [],
      error: '127.0.0.1 is a private or local address',
    });
    expect((await call('POST', '/sources/424242/poll')).status).toBe(404);
  });
});

describe('the ingestion cron and queue', () => {
  it('fans out one message per due source, and the consumer polls that source', async () => {
    const db = createDb(env.DB);
    const created = await (
      await call('POST', '/sources', {
        name: 'Queue wire',
        feedUrl: 'https://queue.example.jp/feed',
        language: 'en',
        rights: 'full',
      })
    ).json<SourceView>();
    const sent: IngestMessage[] = [];
    const result = await runIngestionCron(
      {
        DB: env.DB,
        INGEST_QUEUE: {
          sendBatch: (messages) => {
            sent.push(...[...messages].map((message) => message.body));
            return Promise.resolve({ metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } });
          },
        },
      },
      Date.now(),
      () => Promise.reject(new Error('the cron itself fetches nothing when a queue is bound')),
    );
    expect(result.queued).toBe(result.due);
    expect(sent).toContainEqual({ sourceId: created.id });

    const upstream: string[] = [];
    const acked: string[] = [];
    await consumeIngestBatch(
      {
        queue: 'silk-digest-ingest',
        messages: [
          {
            id: 'm1',
            body: { sourceId: created.id },
            attempts: 1,
            ack: () => acked.push('m1'),
            retry: () => undefined,
          },
        ],
      } as unknown as MessageBatch<unknown>,
      { DB: env.DB },
      (request) => {
        upstream.push(request.url);
        return Promise.resolve(new Response('gone', { status: 410 }));
      },
    );
    expect(acked).toEqual(['m1']);
    expect(upstream).toContain('https://queue.example.jp/feed');
    expect(await getSource(db, created.id)).toMatchObject({ lastStatus: 410, consecutiveFailures: 1 });
  });
  it('without a queue, polls inline within a subrequest budget', async () => {
    const db = createDb(env.DB);
    for (let i = 0; i < 30; i++) {
      await insertSource(
        db,
        { name: `Inline ${i}`, feedUrl: `https://inline${i}.example.jp/feed`, language: 'en' },
        new Date().toISOString(),
      );
    }
    const requests: string[] = [];
    const result = await runIngestionCron({ DB: env.DB }, Date.now(), (request) => {
      requests.push(request.url);
      return Promise.resolve(new Response('gone', { status: 410 }));
    });
    expect(result.queued).toBe(0);
    expect(result.due).toBeGreaterThanOrEqual(30);
    // Each of these polls costs robots.txt and the feed; the run stops before the budget could be passed.
    expect(result.polled.length).toBeGreaterThan(0);
    expect(result.polled.length).toBeLessThan(result.due);
    expect(requests.length).toBeLessThanOrEqual(INLINE_SUBREQUEST_BUDGET);
    expect(result.polled.every((report) => report.status === 'error' && report.httpStatus === 410)).toBe(true);
  });
});

describe('the default source registry', () => {
  it('is valid, cautious by default and explains every source', async () => {
    const registry = parseSourceRegistry(sourcesFile);
    expect(registry.length).toBeGreaterThanOrEqual(10);
    expect(new Set(registry.map((source) => source.language))).toEqual(new Set(['en', 'uz', 'uz-Cyrl', 'ja']));
    // Nothing is stored in full without a stated reason: this registry has no such source.
    expect(registry.every((source) => source.rights !== 'full')).toBe(true);
    expect(registry.every((source) => (source.note ?? '').length > 40)).toBe(true);
    expect(registry.every((source) => source.feedUrl.startsWith('https://'))).toBe(true);

    const db = createDb(env.DB);
    const at = new Date().toISOString();
    expect(await seedSources(db, registry, at)).toBe(registry.length);
    // Idempotent, and an operator's change survives a second seed.
    const kun = (await listSources(db)).find((source) => source.feedUrl === registry[0]?.feedUrl);
    await updateSource(db, kun?.id ?? 0, { rights: 'headline' }, at);
    expect(await seedSources(db, registry, at)).toBe(0);
    expect((await getSource(db, kun?.id ?? 0))?.rights).toBe('headline');
  });

  it('rejects an invalid or duplicated entry', () => {
    expect(() =>
      parseSourceRegistry({ sources: [{ name: 'x', feedUrl: 'https://a.uz/rss', language: 'de', note: 'n' }] }),
    ).toThrow(/language/);
    const entry = { name: 'x', feedUrl: 'https://a.uz/rss', language: 'en', note: 'because' };
    expect(() => parseSourceRegistry({ sources: [entry, entry] })).toThrow(/listed twice/);
  });
});

describe('the sources API in the OpenAPI document', () => {
  it('lists every sources endpoint with its shapes and the bearer scheme', async () => {
    const document = await (
      await get('/api/v1/openapi.json')
    ).json<{
      paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { scheme: string }> };
    }>();
    expect(Object.keys(document.paths['/api/v1/admin/sources'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/api/v1/admin/sources/{id}'] ?? {}).sort()).toEqual(['delete', 'patch']);
    expect(Object.keys(document.paths['/api/v1/admin/sources/{id}/poll']?.post?.responses ?? {})).toContain('200');
    expect(document.paths['/api/v1/admin/sources']?.post?.security).toEqual([{ adminToken: [] }]);
    expect(Object.keys(document.paths['/api/v1/admin/sources']?.post?.responses ?? {}).sort()).toEqual([
      '201',
      '400',
      '401',
      '403',
      '409',
      '413',
      '415',
      '422',
      '500',
      '503',
    ]);
    expect(document.components.securitySchemes.adminToken?.scheme).toBe('bearer');
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Source', 'PollReport']));
  });
});
