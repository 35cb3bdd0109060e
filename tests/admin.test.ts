import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { get, ORIGIN } from './helpers/http.ts';

const TOKEN = 'test-admin-token';
const TALKS = 'mirziyoyev-and-takaichi-hold-talks-in-tokyo';
const PORTFOLIO = 'uzbekistan-and-japan-sign-12bn-cooperation-portfolio';
const MINISTRIES = 'uzbek-and-japanese-foreign-ministries-review-strategic-partnership';

interface Options {
  body?: unknown;
  token?: string | null;
  type?: string;
  editor?: string;
  bindings?: Env;
}

/** Calls the Worker as an editor's tool would, and waits for its background rebuilds. */
async function call(method: string, path: string, options: Options = {}): Promise<Response> {
  const headers = new Headers();
  const token = options.token === undefined ? TOKEN : options.token;
  if (token !== null) headers.set('Authorization', `Bearer ${token}`);
  if (options.editor) headers.set('X-Editor', options.editor);
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers.set('Content-Type', options.type ?? 'application/json');
  }
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${ORIGIN}/api/v1/admin${path}`, { method, headers, body }),
    options.bindings ?? env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

async function idOf(slug: string): Promise<number> {
  const row = await env.DB.prepare('SELECT id FROM documents WHERE slug = ?1').bind(slug).first<{ id: number }>();
  if (!row) throw new Error(`no document ${slug}`);
  return row.id;
}

interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string>; current?: number };
}

const NEW_REPORT = {
  headline: 'Uzbekistan and Japan open a joint solar research centre in Tashkent',
  paragraphs: [
    'Uzbekistan and Japan opened a joint research centre for solar energy in Tashkent on Monday, the Ministry of Energy said.',
    'The centre will test panels designed for hot, dusty climates and train engineers from across Central Asia.',
    'Japanese partners will provide equipment worth $15 million over three years.',
  ],
  sourceName: 'Test Wire',
  sourceUrl: 'https://wire.example/solar-centre',
  publishedOn: '2025-12-17',
  language: 'en',
  topics: ['energy', 'technology'],
  entities: ['tashkent'],
};

beforeAll(async () => {
  await seedTestCorpus(env.DB);
  await worker.scheduled(
    createScheduledController({ scheduledTime: new Date('2025-12-22T06:00:00Z'), cron: '0 6 * * 1' }),
    env,
  );
});

describe('editorial API: authentication', () => {
  it('asks for a token (401), refuses a wrong one (403), accepts the right one', async () => {
    const id = await idOf(TALKS);
    const missing = await call('GET', `/documents/${id}`, { token: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('WWW-Authenticate')).toContain('Bearer');
    expect((await missing.json<ErrorBody>()).error.code).toBe('unauthorized');
    const wrong = await call('GET', `/documents/${id}`, { token: 'test-admin-tokeN' });
    expect(wrong.status).toBe(403);
    const right = await call('GET', `/documents/${id}`);
    expect(right.status).toBe(200);
    expect(right.headers.get('Cache-Control')).toBe('no-store');
    expect((await right.json<{ slug: string }>()).slug).toBe(TALKS);
  });

  it('is disabled, never open, when no secret is configured', async () => {
    const response = await call('GET', '/documents/1', { bindings: { ...env, ADMIN_TOKEN: '' } });
    expect(response.status).toBe(503);
    expect((await response.json<ErrorBody>()).error.code).toBe('admin_disabled');
  });
});

describe('editorial API: bad input', () => {
  it('answers 415 for another content type and 400 for broken JSON', async () => {
    expect((await call('POST', '/documents', { body: 'headline=x', type: 'text/plain' })).status).toBe(415);
    const broken = await call('POST', '/documents', { body: '{"headline": ' });
    expect(broken.status).toBe(400);
    expect((await broken.json<ErrorBody>()).error.code).toBe('invalid_json');
  });

  it('answers 422 with a message per field', async () => {
    const response = await call('POST', '/documents', {
      body: { ...NEW_REPORT, sourceUrl: 'not a url', publishedOn: '2025-13-40', language: 'fr' },
    });
    expect(response.status).toBe(422);
    const { error } = await response.json<ErrorBody>();
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['language', 'publishedOn', 'sourceUrl']);
    const topics = await call('POST', '/documents', { body: { ...NEW_REPORT, topics: ['gossip'] } });
    expect((await topics.json<ErrorBody>()).error.fields?.topics).toContain('gossip');
    const entities = await call('POST', '/documents', { body: { ...NEW_REPORT, entities: ['nobody'] } });
    expect((await entities.json<ErrorBody>()).error.fields?.entities).toContain('nobody');
  });

  it('answers 413 above the body limits: 64 KB for JSON, 1 MiB for raw captures', async () => {
    const long = { ...NEW_REPORT, paragraphs: Array.from({ length: 8 }, () => 'word '.repeat(2000)) };
    expect((await call('POST', '/documents', { body: long })).status).toBe(413);
    const huge = { ...NEW_REPORT, raw: 'x'.repeat(1024 * 1024 + 10), paragraphs: undefined, headline: undefined };
    expect((await call('POST', '/documents', { body: huge })).status).toBe(413);
  });

  it('changes nothing when a request is refused', async () => {
    const before = await env.DB.prepare('SELECT count(*) AS n FROM documents').first<{ n: number }>();
    await call('POST', '/documents', { body: { ...NEW_REPORT, topics: ['gossip'] } });
    const after = await env.DB.prepare('SELECT count(*) AS n FROM documents').first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });
});

describe('editorial API: documents and revisions', () => {
  it('creates a document that readers see at once, with its week rebuilt', async () => {
    const response = await call('POST', '/documents', { body: NEW_REPORT, editor: 'Dilnoza' });
    expect(response.status).toBe(201);
    const created = await response.json<{ id: number; slug: string; revision: number }>();
    expect(created.slug).toBe('uzbekistan-and-japan-open-a-joint-solar-research-centre-in-tashkent');
    const page = await get(`/en/articles/${created.slug}`);
    expect(page.status).toBe(200);
    // No Uzbek translation yet: the Uzbek edition shows the English text, marked as such.
    expect(await (await get(`/uz/articles/${created.slug}`)).text()).toContain('lang="en"');
    const week = await (await get('/en/weeks/2025-W51')).text();
    expect(week).toContain('solar research centre');
    const revisions = await (
      await call('GET', `/documents/${created.id}/revisions`)
    ).json<{ revisions: { lang: string; number: number; action: string; author: string }[] }>();
    expect(revisions.revisions).toEqual([
      expect.objectContaining({ lang: 'en', number: 1, action: 'create', author: 'Dilnoza' }),
      expect.objectContaining({ lang: 'meta', number: 1, action: 'create', author: 'Dilnoza' }),
    ]);
  });

  it('treats the same URL again as a correction, kept as a new revision', async () => {
    const again = await call('POST', '/documents', { body: NEW_REPORT });
    expect(await again.json()).toEqual(expect.objectContaining({ status: 'unchanged' }));
    const corrected = {
      ...NEW_REPORT,
      paragraphs: [...NEW_REPORT.paragraphs.slice(0, 2), 'Japanese partners will provide equipment worth $18 million.'],
    };
    const response = await call('POST', '/documents', { body: corrected });
    const body = await response.json<{ status: string; id: number }>();
    expect(body.status).toBe('updated');
    const old = await (
      await call('GET', `/documents/${body.id}/revisions/en/1`)
    ).json<{
      data: { paragraphs: string[] };
    }>();
    expect(old.data.paragraphs[2]).toContain('$15 million');
    const current = await (
      await call('GET', `/documents/${body.id}/revisions/en/2`)
    ).json<{
      data: { paragraphs: string[] };
    }>();
    expect(current.data.paragraphs[2]).toContain('$18 million');
  });

  it('links a near-identical report from another source instead of storing it twice', async () => {
    const before = await env.DB.prepare('SELECT count(*) AS n FROM documents').first<{ n: number }>();
    const copy = {
      ...NEW_REPORT,
      sourceName: 'Other Wire',
      sourceUrl: 'https://other.example/2025/12/solar',
      paragraphs: [...NEW_REPORT.paragraphs.slice(0, 2), 'Japanese partners will provide equipment worth $18 million.'],
    };
    const response = await call('POST', '/documents', { body: copy });
    expect(await response.json()).toEqual(expect.objectContaining({ status: 'merged' }));
    const after = await env.DB.prepare('SELECT count(*) AS n FROM documents').first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
    const link = await env.DB.prepare('SELECT source_name FROM document_sources WHERE source_url = ?1')
      .bind(copy.sourceUrl)
      .first<{ source_name: string }>();
    expect(link?.source_name).toBe('Other Wire');
    const page = await (
      await get('/en/articles/uzbekistan-and-japan-open-a-joint-solar-research-centre-in-tashkent')
    ).text();
    expect(page).toContain('Also reported by');
    expect(page).toContain('href="https://other.example/2025/12/solar"');
  });

  it('keeps the desk’s topics and the first source when a known report is sent again', async () => {
    const { topics, entities, ...withoutLinks } = NEW_REPORT;
    expect(topics.length).toBeGreaterThan(0);
    expect(entities.length).toBeGreaterThan(0);
    const resent = await call('POST', '/documents', {
      body: {
        ...withoutLinks,
        paragraphs: [
          ...NEW_REPORT.paragraphs.slice(0, 2),
          'Japanese partners will provide equipment worth $18 million.',
        ],
      },
    });
    const { id, status } = await resent.json<{ id: number; status: string }>();
    expect(status).toBe('unchanged');
    const doc = await (await call('GET', `/documents/${id}`)).json<{ topics: string[]; sourceName: string }>();
    expect(doc.topics).toEqual(topics);
    // The URL of the merged copy belongs to a linked source: sending it again changes nothing.
    const copy = await call('POST', '/documents', {
      body: { ...NEW_REPORT, sourceName: 'Other Wire', sourceUrl: 'https://other.example/2025/12/solar' },
    });
    expect(await copy.json()).toEqual({ status: 'merged', id });
    const after = await (await call('GET', `/documents/${id}`)).json<{ sourceName: string }>();
    expect(after.sourceName).toBe('Test Wire');
  });

  it('cleans a raw capture with the ingestion module', async () => {
    const raw = [
      'Tashkent hosts a Japanese film week',
      'A week of Japanese cinema opened in Tashkent on Friday, with twelve films shown in Uzbek and Russian subtitles.',
      'Comments (0)',
      'Follow us on Telegram',
      'Tags',
    ].join('\n');
    const response = await call('POST', '/documents', {
      body: {
        raw,
        sourceName: 'Test Wire',
        sourceUrl: 'https://wire.example/film-week',
        publishedOn: '2024-06-12',
        language: 'en',
        topics: ['tourism-culture'],
      },
    });
    expect(response.status).toBe(201);
    const { id } = await response.json<{ id: number }>();
    const doc = await (
      await call('GET', `/documents/${id}`)
    ).json<{
      texts: Record<string, { headline: string; paragraphs: string[] }>;
    }>();
    expect(doc.texts.en?.headline).toBe('Tashkent hosts a Japanese film week');
    expect(doc.texts.en?.paragraphs.join('\n')).not.toMatch(/Comments|Follow us|Tags/);
  });

  it('keeps both editors’ work when they save the same revision at once: one wins, one gets 409', async () => {
    const id = await idOf(TALKS);
    const { revision } = await (await call('GET', `/documents/${id}`)).json<{ revision: number }>();
    const [a, b] = await Promise.all([
      call('PATCH', `/documents/${id}`, { body: { revision, topics: ['diplomacy'] }, editor: 'A' }),
      call('PATCH', `/documents/${id}`, { body: { revision, topics: ['trade'] }, editor: 'B' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect((await loser.json<ErrorBody>()).error).toEqual(
      expect.objectContaining({ code: 'revision_conflict', current: revision + 1 }),
    );
    const stale = await call('PATCH', `/documents/${id}`, { body: { revision, sourceName: 'Stale' } });
    expect(stale.status).toBe(409);
    const list = await (
      await call('GET', `/documents/${id}/revisions`)
    ).json<{ revisions: { lang: string; number: number; action: string }[] }>();
    // The state before the first edit is kept as the baseline revision.
    expect(list.revisions.filter((entry) => entry.lang === 'meta').map((entry) => entry.action)).toEqual([
      'baseline',
      'update',
    ]);
  });

  it('edits the headline and translations with revisions, and the seed never reverts an edit', async () => {
    const id = await idOf(PORTFOLIO);
    const doc = await (
      await call('GET', `/documents/${id}`)
    ).json<{
      revision: number;
      texts: Record<string, { revision: number; paragraphs: string[] }>;
    }>();
    const patched = await call('PATCH', `/documents/${id}`, {
      body: { revision: doc.revision, headline: 'Uzbekistan and Japan agree a $12bn portfolio' },
    });
    expect(patched.status).toBe(200);
    const uz = doc.texts.uz!;
    const wrongCount = await call('PUT', `/documents/${id}/translations/uz`, {
      body: { revision: uz.revision, headline: 'Sarlavha', paragraphs: ['bitta'] },
    });
    expect(wrongCount.status).toBe(422);
    const put = await call('PUT', `/documents/${id}/translations/uz`, {
      body: {
        revision: uz.revision,
        headline: "O'zbekiston va Yaponiya 12 mlrd dollarlik portfel bo'yicha kelishdi",
        paragraphs: uz.paragraphs,
      },
    });
    expect(put.status).toBe(200);
    const stalePut = await call('PUT', `/documents/${id}/translations/uz`, {
      body: { revision: uz.revision, headline: 'Eski', paragraphs: uz.paragraphs },
    });
    expect(stalePut.status).toBe(409);
    const page = await (await get(`/uz/articles/${PORTFOLIO}`)).text();
    // Apostrophes normalised on the way in.
    expect(page).toContain('Oʻzbekiston va Yaponiya 12 mlrd dollarlik portfel boʻyicha kelishdi');
    expect(await (await get(`/en/articles/${PORTFOLIO}`)).text()).toContain(
      'Uzbekistan and Japan agree a $12bn portfolio',
    );
    await seedTestCorpus(env.DB);
    expect(await (await get(`/en/articles/${PORTFOLIO}`)).text()).toContain(
      'Uzbekistan and Japan agree a $12bn portfolio',
    );
    expect(await (await get(`/uz/articles/${PORTFOLIO}`)).text()).toContain('portfel boʻyicha kelishdi');
  });

  it('hides a deleted document everywhere readers look, keeps it, and restores it', async () => {
    const id = await idOf(MINISTRIES);
    const deleted = await call('DELETE', `/documents/${id}`);
    expect(deleted.status).toBe(200);
    expect((await get(`/en/articles/${MINISTRIES}`)).status).toBe(404);
    expect(await (await get('/en/')).text()).not.toContain(MINISTRIES);
    expect(await (await get('/en/search?q=ministries')).text()).not.toContain(MINISTRIES);
    expect(await (await get('/en/topics/diplomacy')).text()).not.toContain(MINISTRIES);
    expect((await get(`/api/v1/en/articles/${MINISTRIES}`)).status).toBe(404);
    // 2024-W04 has only this report: its summary leaves the archive and the feed.
    expect((await get('/en/weeks/2024-W04')).status).toBe(404);
    expect(await (await get('/en/feed.xml')).text()).not.toContain('2024-W04');
    expect((await call('GET', `/documents/${id}`)).status).toBe(200);

    const restored = await call('POST', `/documents/${id}/restore`);
    expect(restored.status).toBe(200);
    expect((await get(`/en/articles/${MINISTRIES}`)).status).toBe(200);
    expect((await get('/en/weeks/2024-W04')).status).toBe(200);
    const actions = (
      await (await call('GET', `/documents/${id}/revisions`)).json<{ revisions: { lang: string; action: string }[] }>()
    ).revisions
      .filter((entry) => entry.lang === 'meta')
      .map((entry) => entry.action);
    expect(actions.slice(-2)).toEqual(['delete', 'restore']);
  });

  it('rebuilds a week on demand and rejects a malformed week', async () => {
    expect((await call('POST', '/rebuild?week=2025-W99')).status).toBe(422);
    const response = await call('POST', '/rebuild?week=2025-W51');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ week: '2025-W51', rowsChanged: 0 });
  });

  it('answers unknown documents and endpoints with JSON 404s', async () => {
    expect((await call('GET', '/documents/999999')).status).toBe(404);
    expect((await call('GET', '/documents/abc')).status).toBe(404);
    expect((await call('GET', '/nothing')).status).toBe(404);
  });
});

describe('editorial API: machine drafts', () => {
  const REPORT = {
    headline: 'Japanese volunteers start a Japanese course in Namangan',
    paragraphs: [
      'Volunteers from Japan started a free Japanese language course at a school in Namangan this week.',
      'Forty pupils signed up in the first two days, the school said.',
    ],
    sourceName: 'Test Wire',
    sourceUrl: 'https://wire.example/namangan-course',
    publishedOn: '2025-08-20',
    language: 'en',
    topics: ['education'],
  };

  it('drafts the missing languages with Workers AI, labels them, and lets an editor replace them', async () => {
    const calls: { model: string; text: string; source_lang: string; target_lang: string }[] = [];
    // Uzbek drafts are the text marked; Japanese ones real Japanese (the guards reject Latin).
    const JAPANESE: Record<string, string> = {
      [REPORT.headline]: '［機械］日本人ボランティアがナマンガンで日本語講座',
      [REPORT.paragraphs[0] ?? '']: '日本のボランティアが今週、ナマンガンの学校で無料の日本語講座を始めた。',
      [REPORT.paragraphs[1] ?? '']: '学校によると、最初の二日間で四十人の生徒が申し込んだ。',
    };
    const ai = {
      run: (model: string, input: { text: string; source_lang: string; target_lang: string }) => {
        calls.push({ model, ...input });
        const translated = input.target_lang === 'ja' ? JAPANESE[input.text] : `[${input.target_lang}] ${input.text}`;
        return Promise.resolve({ translated_text: translated });
      },
    } as unknown as Ai;
    const response = await call('POST', '/documents', { body: REPORT, bindings: { ...env, AI: ai } });
    expect(response.status).toBe(201);
    const { id, slug } = await response.json<{ id: number; slug: string }>();
    // Headline and each paragraph, into Uzbek and Japanese, with the m2m100 model.
    expect(calls).toHaveLength(6);
    expect(new Set(calls.map((entry) => entry.model))).toEqual(new Set(['@cf/meta/m2m100-1.2b']));
    expect(calls.map((entry) => `${entry.source_lang}>${entry.target_lang}`).sort()).toEqual([
      'en>ja',
      'en>ja',
      'en>ja',
      'en>uz',
      'en>uz',
      'en>uz',
    ]);
    const ja = await (await get(`/ja/articles/${slug}`)).text();
    expect(ja).toContain('［機械］日本人ボランティアがナマンガンで日本語講座');
    expect(ja).toContain('この翻訳は機械翻訳で');
    const revisions = await (
      await call('GET', `/documents/${id}/revisions`)
    ).json<{ revisions: { lang: string; author: string }[] }>();
    expect(revisions.revisions.find((entry) => entry.lang === 'ja')?.author).toBe('machine:@cf/meta/m2m100-1.2b');

    const edited = await call('PUT', `/documents/${id}/translations/ja`, {
      body: {
        revision: 1,
        headline: 'ナマンガンで日本人ボランティアが日本語講座を開始',
        paragraphs: [
          '日本から来たボランティアが今週、ナマンガンの学校で無料の日本語講座を始めた。',
          '学校によると、最初の2日間で40人の生徒が申し込んだ。',
        ],
      },
    });
    expect(edited.status).toBe(200);
    const after = await (await get(`/ja/articles/${slug}`)).text();
    expect(after).toContain('ナマンガンで日本人ボランティアが日本語講座を開始');
    expect(after).not.toContain('この翻訳は機械翻訳で');
  });

  it('keeps the English fallback when the model fails, without failing the editor', async () => {
    const ai = { run: () => Promise.reject(new Error('model unavailable')) } as unknown as Ai;
    const response = await call('POST', '/documents', {
      body: {
        ...REPORT,
        sourceUrl: 'https://wire.example/bukhara-course',
        headline: 'A course in Bukhara',
        paragraphs: ['Volunteers opened a course in Bukhara on Tuesday, with thirty pupils.'],
      },
      bindings: { ...env, AI: ai },
    });
    expect(response.status).toBe(201);
    const { slug } = await response.json<{ slug: string }>();
    const uz = await (await get(`/uz/articles/${slug}`)).text();
    expect(uz).toContain('lang="en"');
    expect(uz).not.toContain('mashina tomonidan');
  });
});
