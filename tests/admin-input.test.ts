/**
 * The admin API reads exactly what it was sent (issue 14, item 8): ids are plain decimal digits,
 * a body that is not UTF-8 is refused rather than silently repaired, and a non-raw body over the
 * JSON limit is "too large" (413) before any field is judged (422).
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { JSON_LIMIT } from '../src/routes/json-body.ts';
import worker from '../src/index.ts';
import { ADMIN_TOKEN, callAdmin } from './helpers/admin-call.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { ORIGIN } from './helpers/http.ts';

async function sendBytes(method: string, path: string, bytes: Uint8Array): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${ORIGIN}/api/v1/admin${path}`, {
      method,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: bytes,
    }),
    env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

const errorCode = async (response: Response) => (await response.json<{ error: { code: string } }>()).error.code;

describe('admin API input', () => {
  beforeAll(async () => {
    await seedTestCorpus(env.DB);
  });

  it('reads an id only from plain decimal digits', async () => {
    expect((await callAdmin('GET', '/documents/1')).status).toBe(200);
    for (const id of ['1e0', '0x1', '1.0', '+1', '%201', '01e0']) {
      const response = await callAdmin('GET', `/documents/${id}`);
      expect(response.status, id).toBe(404);
      expect((await callAdmin('GET', `/documents/${id}/revisions`)).status, id).toBe(404);
    }
    expect((await callAdmin('GET', '/documents/1/revisions/en/1e0')).status).toBe(404);
  });

  it('refuses a body that is not UTF-8 with 400 and stores nothing', async () => {
    const before = await (await callAdmin('GET', '/documents/1')).json<{ texts: { en: { headline: string } } }>();
    const json = new TextEncoder().encode(
      JSON.stringify({ headline: 'Tokyo talks X', paragraphs: ['A paragraph.'], revision: 1 }),
    );
    // 0xFF can start no UTF-8 sequence: put it where the X is.
    const bytes = Uint8Array.from(json, (byte) => (byte === 0x58 ? 0xff : byte));
    const response = await sendBytes('PUT', '/documents/1/translations/en', bytes);
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('invalid_json');
    const after = await (await callAdmin('GET', '/documents/1')).json<{ texts: { en: { headline: string } } }>();
    expect(after.texts.en.headline).toBe(before.texts.en.headline);
  });

  it('answers 413 for a non-raw submission over the JSON limit, even when its fields are invalid', async () => {
    const big = 'x'.repeat(JSON_LIMIT + 10);
    const invalid = await callAdmin('POST', '/documents', { headline: big, paragraphs: 'not a list' });
    expect(invalid.status).toBe(413);
    expect(await errorCode(invalid)).toBe('payload_too_large');
    const valid = await callAdmin('POST', '/documents', { headline: 'Big', paragraphs: [big] });
    expect(valid.status).toBe(413);
  });
});
