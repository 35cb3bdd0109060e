import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { ADMIN_TOKEN, desk, formTokenOf, openDesk } from './helpers/desk.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { get, ORIGIN } from './helpers/http.ts';

const REPORT = {
  headline: 'Japanese engineers open a water laboratory in Nukus',
  paragraphs: [
    'Engineers from Japan opened a water quality laboratory in Nukus on Tuesday, the regional government said.',
    'The laboratory will test drinking water from forty villages near the Aral Sea.',
  ],
  sourceName: 'Test Wire',
  sourceUrl: 'https://wire.example/nukus-water-laboratory',
  publishedOn: '2025-09-16',
  language: 'en',
  topics: ['education'],
};

// A fake Workers AI binding: the "translation" is the text tagged with its target language.
const ai = {
  run: (_model: string, input: { text: string; target_lang: string }) =>
    Promise.resolve({ translated_text: `[${input.target_lang}] ${input.text}` }),
} as unknown as Ai;

const MACHINE_LABEL = {
  ja: 'この翻訳は機械翻訳で',
  uz: 'Bu tarjima mashina tomonidan bajarilgan',
};

let id = 0;
let slug = '';

async function submitWithDrafts(report: typeof REPORT): Promise<{ id: number; slug: string }> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${ORIGIN}/api/v1/admin/documents`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(report),
    }),
    { ...env, AI: ai },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  if (response.status !== 201) throw new Error(`submit answered ${response.status}`);
  return response.json<{ id: number; slug: string }>();
}

interface TextRow {
  headline: string;
  body: string;
  origin: string;
  revision: number;
}

function readText(lang: string): Promise<TextRow | null> {
  return env.DB.prepare(
    'SELECT headline, body, origin, revision FROM translations WHERE document_id = ?1 AND lang = ?2',
  )
    .bind(id, lang)
    .first<TextRow>();
}

async function lastRevision(lang: string): Promise<{ number: number; author: string; action: string; data: string }> {
  const row = await env.DB.prepare(
    'SELECT number, author, action, data FROM revisions WHERE document_id = ?1 AND lang = ?2 ORDER BY number DESC LIMIT 1',
  )
    .bind(id, lang)
    .first<{ number: number; author: string; action: string; data: string }>();
  if (!row) throw new Error('no revision');
  return row;
}

beforeAll(async () => {
  await seedTestCorpus(env.DB);
  ({ id, slug } = await submitWithDrafts(REPORT));
});

describe('desk queue', () => {
  it('lists the machine translations to review with their count, each linking to its work', async () => {
    const { cookie } = await openDesk('Nodira');
    const response = await desk('/desk/', { cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain('2 machine translations to review');
    expect(html).toContain(`href="/desk/documents/${id}#text-ja"`);
    expect(html).toContain('[ja] Japanese engineers open a water laboratory in Nukus');
  });

  it('speaks the editor’s chosen language', async () => {
    const { cookie } = await openDesk('Nodira');
    const choose = await desk('/desk/lang/ja?next=%2Fdesk%2F', { cookie });
    expect(choose.status).toBe(303);
    const langCookie = (choose.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
    const html = await (await desk('/desk/', { cookie: `${cookie}; ${langCookie}` })).text();
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('確認待ちの機械翻訳 2件');
    // Only desk paths are followed: no open redirect.
    expect((await desk('/desk/lang/ja?next=https%3A%2F%2Fevil.example', { cookie })).headers.get('Location')).toBe(
      '/desk/',
    );
  });
});

describe('desk document', () => {
  it('shows the original beside each edition, with forms based on each text’s revision', async () => {
    const { cookie } = await openDesk('Nodira');
    const html = await (await desk(`/desk/documents/${id}`, { cookie })).text();
    expect(html).toContain('Engineers from Japan opened a water quality laboratory in Nukus');
    expect(html).toContain(`action="/desk/documents/${id}/texts/ja"`);
    expect(html).toContain(`action="/desk/documents/${id}/texts/ja/approve"`);
    expect(html).toContain('machine translation, not reviewed');
    expect((await desk('/desk/documents/999999', { cookie })).status).toBe(404);
    expect((await desk('/desk/documents/1e0', { cookie })).status).toBe(404);
  });

  it('approves a machine translation: reviewed, recorded under the editor, the reader label leaves', async () => {
    expect(await (await get(`/ja/articles/${slug}`)).text()).toContain(MACHINE_LABEL.ja);
    const { cookie, token } = await openDesk('Nodira Karimova');
    const before = await readText('ja');
    const response = await desk(`/desk/documents/${id}/texts/ja/approve`, {
      cookie,
      form: { _token: token, revision: String(before?.revision) },
    });
    expect(response.status).toBe(303);
    const after = await readText('ja');
    expect(after?.origin).toBe('human');
    expect(after?.body).toBe(before?.body);
    expect((await lastRevision('ja')).author).toBe('Nodira Karimova');
    expect(await (await get(`/ja/articles/${slug}`)).text()).not.toContain(MACHINE_LABEL.ja);
    // Approving again from the same page changes nothing.
    await desk(`/desk/documents/${id}/texts/ja/approve`, { cookie, form: { _token: token, revision: '2' } });
    expect((await readText('ja'))?.revision).toBe(2);
  });

  it('saves a corrected Uzbek paragraph, normalising apostrophes, and the reader page changes', async () => {
    const { cookie, token } = await openDesk('Sardor');
    const uz = await readText('uz');
    const corrected =
      "Yaponiyalik muhandislar seshanba kuni Nukusda suv sifati laboratoriyasini ochdi, deb ma'lum qildi o'z bayonotida viloyat hokimligi.";
    const preview = await desk(`/desk/documents/${id}/texts/uz`, {
      cookie,
      form: {
        _token: token,
        revision: String(uz?.revision),
        intent: 'preview',
        headline: 'Nukusda suv laboratoriyasi',
        p0: corrected,
        p1: 'Orol dengizi.',
      },
    });
    expect(preview.status).toBe(200);
    const previewHtml = await preview.text();
    expect(previewHtml).toContain('maʼlum qildi oʻz bayonotida');
    expect(previewHtml).toContain('Нукусда сув лабораторияси');
    expect((await readText('uz'))?.revision).toBe(uz?.revision);

    const saved = await desk(`/desk/documents/${id}/texts/uz`, {
      cookie,
      form: {
        _token: token,
        revision: String(uz?.revision),
        headline: 'Nukusda suv laboratoriyasi',
        p0: corrected,
        p1: 'Orol dengizi.',
      },
    });
    expect(saved.status).toBe(303);
    const stored = await readText('uz');
    expect(stored?.body).toContain('maʼlum qildi oʻz bayonotida');
    expect(stored?.body).not.toMatch(/[Oo]'|'/);
    expect((await lastRevision('uz')).author).toBe('Sardor');
    const reader = await (await get(`/uz/articles/${slug}`)).text();
    expect(reader).toContain('oʻz bayonotida');
    expect(reader).not.toContain(MACHINE_LABEL.uz);
    expect(await (await get(`/uz-Cyrl/articles/${slug}`)).text()).toContain('Нукусда сув лабораторияси');
  });

  it('answers a save from a stale base revision with a conflict page: theirs beside yours, nothing overwritten', async () => {
    const first = await openDesk('Editor One');
    const second = await openDesk('Editor Two');
    const base = String((await readText('ja'))?.revision);
    const form = (headline: string, token: string) => ({
      _token: token,
      revision: base,
      headline,
      p0: '日本の技術者が火曜日、ヌクスに水質検査所を開設した。',
      p1: 'アラル海に近い40の村の飲料水を検査する。',
    });
    const won = await desk(`/desk/documents/${id}/texts/ja`, {
      cookie: first.cookie,
      form: form('ヌクスに水質検査所', first.token),
    });
    expect(won.status).toBe(303);
    const lost = await desk(`/desk/documents/${id}/texts/ja`, {
      cookie: second.cookie,
      form: form('ヌクスで水の研究所が開所', second.token),
    });
    expect(lost.status).toBe(409);
    const html = await lost.text();
    expect(html).toContain('ヌクスに水質検査所');
    expect(html).toContain('ヌクスで水の研究所が開所');
    expect((await readText('ja'))?.headline).toBe('ヌクスに水質検査所');
    expect((await lastRevision('ja')).author).toBe('Editor One');
  });

  it('unpublishes and restores: the reader page goes and comes back on the next request', async () => {
    const { cookie, token } = await openDesk('Sardor');
    expect((await get(`/en/articles/${slug}`)).status).toBe(200);
    expect((await desk(`/desk/documents/${id}/unpublish`, { cookie, form: { _token: token } })).status).toBe(303);
    expect((await get(`/en/articles/${slug}`)).status).toBe(404);
    const page = await (await desk(`/desk/documents/${id}`, { cookie })).text();
    expect(page).toContain(`action="/desk/documents/${id}/restore"`);
    // A deleted document's text cannot be changed from a stale form.
    const refused = await desk(`/desk/documents/${id}/texts/en/approve`, {
      cookie,
      form: { _token: token, revision: '1' },
    });
    expect(refused.status).toBe(409);
    expect((await desk(`/desk/documents/${id}/restore`, { cookie, form: { _token: token } })).status).toBe(303);
    expect((await get(`/en/articles/${slug}`)).status).toBe(200);
  });
});

describe('desk topics and entities', () => {
  it('saves them as a metadata revision by the editor; unknown ones are refused and change nothing', async () => {
    const { cookie, token } = await openDesk('Tagger');
    const revision =
      (await env.DB.prepare('SELECT revision FROM documents WHERE id = ?1').bind(id).first<{ revision: number }>())
        ?.revision ?? 0;
    const bad = await desk(`/desk/documents/${id}/meta`, {
      cookie,
      form: { _token: token, revision: String(revision), topics: 'no-such-topic', entities: '' },
    });
    expect(bad.status).toBe(422);
    const good = await desk(`/desk/documents/${id}/meta`, {
      cookie,
      form: { _token: token, revision: String(revision), topics: 'energy, education', entities: '' },
    });
    expect(good.status).toBe(303);
    const topics = await env.DB.prepare('SELECT topic_id FROM document_topics WHERE document_id = ?1 ORDER BY position')
      .bind(id)
      .all<{ topic_id: string }>();
    expect(topics.results.map((row) => row.topic_id)).toEqual(['energy', 'education']);
    expect((await lastRevision('meta')).author).toBe('Tagger');
  });
});

describe('desk history', () => {
  it('shows every revision with who and a word-level diff, and restores one as a new revision', async () => {
    const { cookie } = await openDesk('Historian');
    const response = await desk(`/desk/documents/${id}/history`, { cookie });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Editor One');
    expect(html).toContain('machine:@cf/meta/m2m100-1.2b');
    expect(html).toMatch(/<ins>[^<]*ヌクスに水質検査所[^<]*<\/ins>/);
    const token = formTokenOf(html);
    const current = (await readText('ja'))?.revision ?? 0;
    const restored = await desk(`/desk/documents/${id}/revisions/ja/1/restore`, {
      cookie,
      form: { _token: token, revision: String(current) },
    });
    expect(restored.status).toBe(303);
    const text = await readText('ja');
    expect(text?.revision).toBe(current + 1);
    expect(text?.headline).toBe('[ja] Japanese engineers open a water laboratory in Nukus');
    // The restored machine draft is labelled as such again.
    expect(text?.origin).toBe('machine');
    expect((await lastRevision('ja')).author).toBe('Historian');
    // From a stale base: nothing happens.
    const stale = await desk(`/desk/documents/${id}/revisions/ja/1/restore`, {
      cookie,
      form: { _token: token, revision: String(current) },
    });
    expect(stale.status).toBe(303);
    expect(stale.headers.get('Location')).toContain('done=changed');
    expect((await readText('ja'))?.revision).toBe(current + 1);
  });
});

describe('desk weeks', () => {
  it('rebuilds a week now and says how many summaries changed; a bad week is 422', async () => {
    const { cookie, token } = await openDesk('Nodira');
    const done = await desk('/desk/weeks/rebuild', { cookie, form: { _token: token, week: '2025-W38' } });
    expect(done.status).toBe(200);
    expect(await done.text()).toMatch(/2025-W38 rebuilt: \d+ summar/);
    const bad = await desk('/desk/weeks/rebuild', { cookie, form: { _token: token, week: '2025-W99' } });
    expect(bad.status).toBe(422);
  });
});

describe('the desk actions’ admin API twins', () => {
  async function api(method: string, path: string, body: unknown): Promise<Response> {
    const ctx = createExecutionContext();
    const response = await worker.fetch(
      new Request(`${ORIGIN}/api/v1/admin${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${ADMIN_TOKEN}`,
          'Content-Type': 'application/json',
          'X-Editor': 'API editor',
        },
        body: JSON.stringify(body),
      }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return response;
  }

  it('approve: the same workflow, the same conflict rule', async () => {
    const other = await submitWithDrafts({
      ...REPORT,
      sourceUrl: 'https://wire.example/nukus-second',
      headline: 'A second laboratory opens in Nukus',
    });
    const stale = await api('POST', `/documents/${other.id}/translations/uz/approve`, { revision: 7 });
    expect(stale.status).toBe(409);
    const approved = await api('POST', `/documents/${other.id}/translations/uz/approve`, { revision: 1 });
    expect(approved.status).toBe(200);
    expect(await approved.json()).toEqual({ id: other.id, lang: 'uz', revision: 2, changed: true });
    const row = await env.DB.prepare("SELECT origin FROM translations WHERE document_id = ?1 AND lang = 'uz'")
      .bind(other.id)
      .first<{ origin: string }>();
    expect(row?.origin).toBe('human');
    expect((await get(`/uz/articles/${other.slug}`)).status).toBe(200);
    expect(await (await get(`/uz/articles/${other.slug}`)).text()).not.toContain(MACHINE_LABEL.uz);
  });

  it('restore a revision: a new revision with the old state, by the editor named', async () => {
    const before = (await readText('ja'))?.revision ?? 0;
    const response = await api('POST', `/documents/${id}/revisions/ja/2/restore`, { revision: before });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id, lang: 'ja', revision: before + 1 });
    expect((await lastRevision('ja')).author).toBe('API editor');
    expect((await api('POST', `/documents/${id}/revisions/ja/999/restore`, { revision: before + 1 })).status).toBe(404);
  });
});
