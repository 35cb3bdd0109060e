/**
 * The admin API's contract: its OpenAPI description, and the gates that answer before a body
 * is validated (document ids, UTF-8, the 64 KiB limit for bodies without a raw capture).
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { get, ORIGIN } from './helpers/http.ts';

const TOKEN = 'test-admin-token';

async function send(method: string, path: string, body?: BodyInit, type = 'application/json'): Promise<Response> {
  const headers = new Headers({ Authorization: `Bearer ${TOKEN}` });
  if (body !== undefined) headers.set('Content-Type', type);
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${ORIGIN}/api/v1/admin${path}`, { method, headers, body }),
    env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

const countDocuments = async () =>
  (await env.DB.prepare('SELECT count(*) AS n FROM documents').first<{ n: number }>())?.n;

const REPORT = {
  headline: 'Uzbekistan and Japan agree on a railway study',
  paragraphs: ['Officials agreed on Tuesday to study a railway link, the ministry said.'],
  sourceName: 'Contract Wire',
  sourceUrl: 'https://wire.example/railway-study',
  publishedOn: '2025-12-16',
  language: 'en',
  topics: ['trade'],
};

interface OpenApiDoc {
  paths: Record<string, Record<string, OperationObject>>;
  components: { securitySchemes?: Record<string, { type: string; scheme?: string }>; schemas: Record<string, unknown> };
}
interface OperationObject {
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
}

beforeAll(async () => {
  await seedTestCorpus(env.DB);
});

describe('the admin API in /api/v1/openapi.json', () => {
  it('lists every admin endpoint with the bearer scheme, its request body and its error shape', async () => {
    const doc = await (await get('/api/v1/openapi.json')).json<OpenApiDoc>();
    const operations = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/admin/'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => [`${method} ${path}`, op] as const));
    expect(operations.map(([name]) => name).sort()).toEqual([
      'delete /api/v1/admin/documents/{id}',
      'delete /api/v1/admin/sources/{id}',
      'get /api/v1/admin/documents/{id}',
      'get /api/v1/admin/documents/{id}/revisions',
      'get /api/v1/admin/documents/{id}/revisions/{lang}/{number}',
      'get /api/v1/admin/sources',
      'patch /api/v1/admin/documents/{id}',
      'patch /api/v1/admin/sources/{id}',
      'post /api/v1/admin/documents',
      'post /api/v1/admin/documents/{id}/duplicate',
      'post /api/v1/admin/documents/{id}/restore',
      'post /api/v1/admin/documents/{id}/revisions/{lang}/{number}/restore',
      'post /api/v1/admin/documents/{id}/translations/{lang}/approve',
      'post /api/v1/admin/rebuild',
      'post /api/v1/admin/sources',
      'post /api/v1/admin/sources/{id}/poll',
      'put /api/v1/admin/documents/{id}/translations/{lang}',
    ]);
    // One scheme for the documents and the sources alike.
    const [scheme, ...others] = Object.keys(doc.components.securitySchemes ?? {});
    expect(scheme).toBeDefined();
    expect(others).toEqual([]);
    expect(doc.components.securitySchemes?.[scheme ?? '']).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const [name, op] of operations) {
      expect(op.security, name).toEqual([{ [scheme ?? '']: [] }]);
      expect(op.responses['401']?.content?.['application/json']?.schema.$ref, name).toBe(
        '#/components/schemas/AdminError',
      );
    }
    const submit = doc.paths['/api/v1/admin/documents']?.post;
    expect(submit?.requestBody?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/AdminSubmission',
    });
    for (const status of ['400', '413', '415', '422']) expect(submit?.responses[status], status).toBeDefined();
    expect(doc.components.schemas).toHaveProperty('AdminError');
    // The public API is still described as before.
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/{lang}/articles/{slug}']));
  });
});

describe('admin API gates', () => {
  it('takes only plain decimal digits as a document id', async () => {
    expect((await send('GET', '/documents/1')).status).toBe(200);
    for (const id of ['1e0', '0x1', '1.0', '+1', '%201']) {
      const response = await send('GET', `/documents/${id}`);
      expect(response.status, id).toBe(404);
      expect((await response.json<{ error: { code: string } }>()).error.code).toBe('not_found');
    }
    expect((await send('DELETE', '/documents/1e0')).status).toBe(404);
    expect(await (await send('GET', '/documents/1')).json()).toMatchObject({ deletedAt: null });
  });

  it('takes only plain decimal digits as a source id, with the same error shape', async () => {
    const feed = { name: 'Digits Wire', feedUrl: 'https://digits.example/rss', language: 'en' };
    const created = await send('POST', '/sources', JSON.stringify(feed));
    expect(created.status).toBe(201);
    const { id } = await created.json<{ id: number }>();
    for (const spelling of [`${id}e0`, `0${id}`, `${id}.0`]) {
      const response = await send('DELETE', `/sources/${spelling}`);
      expect(response.status, spelling).toBe(404);
      expect(await response.json(), spelling).toEqual({ error: { code: 'not_found', message: 'No such source.' } });
    }
    const sources = await (await send('GET', '/sources')).json<{ sources: { id: number; enabled: boolean }[] }>();
    expect(sources.sources.find((source) => source.id === id)?.enabled).toBe(true);
    // A taken feed URL: 409 with its own code; an unknown field: 422 per field.
    const again = await send('POST', '/sources', JSON.stringify(feed));
    expect(again.status).toBe(409);
    expect((await again.json<{ error: { code: string } }>()).error.code).toBe('source_exists');
    const extra = await send('POST', '/sources', JSON.stringify({ ...feed, feedUrl: 'https://x.example/rss', x: 1 }));
    expect(extra.status).toBe(422);
    const refused = await extra.json<{ error: { code: string; fields: Record<string, string> } }>();
    expect(refused.error.code).toBe('invalid_fields');
    expect(Object.keys(refused.error.fields)).toEqual(['body']);
  });

  it('refuses a body that is not UTF-8 with a 400, storing nothing', async () => {
    const before = await countDocuments();
    const json = new TextEncoder().encode(JSON.stringify({ ...REPORT, sourceName: 'Wire NAME' }));
    // "NAME" → a lone continuation byte and a truncated sequence: not UTF-8.
    const at = new TextDecoder().decode(json).indexOf('NAME');
    json.set([0x80, 0xe2, 0x82, 0x41], at);
    const response = await send('POST', '/documents', json);
    expect(response.status).toBe(400);
    expect((await response.json<{ error: { code: string } }>()).error.code).toBe('invalid_json');
    expect(await countDocuments()).toBe(before);
    // The same report in valid UTF-8 is accepted.
    expect((await send('POST', '/documents', JSON.stringify(REPORT))).status).toBe(201);
    expect(
      await env.DB.prepare(
        "SELECT count(*) AS n FROM documents WHERE source_name LIKE '%' || char(65533) || '%'",
      ).first(),
    ).toEqual({ n: 0 });
  });

  it('answers 413, not 422, for a body without a raw capture over 64 KiB', async () => {
    // Each paragraph is over the 20,000-character field limit, so validation would say 422.
    const long = { ...REPORT, paragraphs: Array.from({ length: 4 }, () => 'x'.repeat(20_001)) };
    const response = await send('POST', '/documents', JSON.stringify(long));
    expect(response.status).toBe(413);
    expect((await response.json<{ error: { code: string } }>()).error.code).toBe('payload_too_large');
    // Under the limit the same mistake is a field error.
    const short = { ...REPORT, paragraphs: ['x'.repeat(20_001)] };
    const invalid = await send('POST', '/documents', JSON.stringify(short));
    expect(invalid.status).toBe(422);
    expect(Object.keys((await invalid.json<{ error: { fields: object } }>()).error.fields)).toEqual(['paragraphs.0']);
  });
});
