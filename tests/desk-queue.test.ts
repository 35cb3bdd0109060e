/**
 * The desk queue's kinds of work beyond machine drafts (rejected machine translations, feed
 * items without text, possible duplicates, failing sources), each counted and linked, and the
 * document page's provenance. What is recorded is recorded by the real paths: the admin API
 * the translation queue with a fake Workers AI, a poll against a fake upstream.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/db/client.ts';
import { insertSource } from '../src/db/sources.ts';
import { pollSourceNow } from '../src/workflows/ingestion/run-ingestion.ts';
import { consumeTranslateBatch } from '../src/workflows/ingestion/translate-queue.ts';
import { callAdmin } from './helpers/admin-call.ts';
import { desk, openDesk } from './helpers/desk.ts';
import { createUpstream } from './helpers/fake-upstream.ts';

const db = createDb(env.DB);

const STORY = [
  'Uzbekistan and Japan signed an agreement on Thursday to build a solar power plant near Navoi with a capacity of two hundred megawatts.',
  'The plant will be built by a consortium of Japanese companies and financed by the Japan Bank for International Cooperation, the energy ministry said.',
  'Construction is to begin next spring and the first electricity is expected to reach the national grid by the end of the following year.',
];

/** The same story retold: two paragraphs kept, the last written anew (about 60 % of the shingles shared). */
const RETOLD = [
  STORY[0] ?? '',
  STORY[1] ?? '',
  'Work on the site should start when the snow melts, and power is to flow into the grid about eighteen months later, an official added.',
];

function report(
  sourceUrl: string,
  paragraphs: readonly string[],
  headline = 'Japan to build a solar plant near Navoi',
  publishedOn = '2025-11-20',
) {
  return { headline, paragraphs, sourceName: 'Test Wire', sourceUrl, publishedOn, language: 'en' };
}

let session = { cookie: '', token: '' };

beforeAll(async () => {
  session = await openDesk('Malika');
});

async function queuePage(lang = 'en'): Promise<string> {
  return (await desk('/desk/', { cookie: `${session.cookie}; desk_lang=${lang}` })).text();
}

describe('possible duplicates', () => {
  it('stores a retold report as new, flags it for the desk, and links an almost identical one', async () => {
    const first = await (
      await callAdmin('POST', '/documents', report('https://a.example/solar', STORY))
    ).json<{ id: number }>();
    const retold = await callAdmin(
      'POST',
      '/documents',
      report('https://b.example/solar-retold', RETOLD, 'Solar plant for Navoi'),
    );
    expect(retold.status).toBe(201);
    const second = await retold.json<{ id: number }>();
    const flag = await env.DB.prepare(
      'SELECT similar_to AS similarTo, overlap FROM duplicate_flags WHERE document_id = ?1',
    )
      .bind(second.id)
      .first<{ similarTo: number; overlap: number }>();
    expect(flag?.similarTo).toBe(first.id);
    expect(flag?.overlap).toBeGreaterThanOrEqual(0.5);
    expect(flag?.overlap).toBeLessThan(0.8);

    // The same text from a third source is a near-duplicate: linked, not stored, not flagged.
    const copy = await callAdmin('POST', '/documents', report('https://c.example/solar-copy', STORY));
    expect(await copy.json()).toMatchObject({ status: 'merged', id: first.id });
    const flags = await env.DB.prepare('SELECT count(*) AS n FROM duplicate_flags').first<{ n: number }>();
    expect(flags?.n).toBe(1);

    const html = await queuePage();
    expect(html).toContain('<a href="#possibleDuplicates">1 possible duplicate</a>');
    expect(html).toContain(`href="/desk/documents/${second.id}">Solar plant for Navoi</a>`);
    expect(html).toContain(`href="/desk/documents/${first.id}">Japan to build a solar plant near Navoi</a>`);
    const documentPage = await (await desk(`/desk/documents/${second.id}`, { cookie: session.cookie })).text();
    expect(documentPage).toContain(`href="/desk/documents/${first.id}"`);
    expect(documentPage).toContain('Entered by an editor, not ingested from a source.');

    // Unpublishing the retold report settles it: the row leaves the queue.
    await callAdmin('DELETE', `/documents/${second.id}`);
    expect(await queuePage()).toContain('0 possible duplicates');
  });
});

describe('rejected machine translations', () => {
  it('lists a translation its guards rejected until the edition has a text', async () => {
    const created = await callAdmin(
      'POST',
      '/documents',
      report(
        'https://d.example/wind',
        [
          'The wind farm in Karakalpakstan will have a capacity of one hundred megawatts and is financed by Japanese lenders, officials in Nukus said.',
        ],
        'Wind farm agreed in Karakalpakstan',
        '2025-06-10',
      ),
    );
    const { id } = await created.json<{ id: number }>();
    // The translation queue's consumer with a fake Workers AI: a plausible Uzbek draft, and a
    // loop for Japanese, which the guards reject (repetition).
    const ai = {
      run: (_model: string, input: { text: string; target_lang: string }) =>
        Promise.resolve({ translated_text: input.target_lang === 'ja' ? 'ナボイ'.repeat(12) : `(uz) ${input.text}` }),
    } as unknown as Ai;
    const batch = {
      queue: 'silk-digest-translate',
      messages: [{ id: 't', body: { documentId: id }, attempts: 1, ack: () => undefined, retry: () => undefined }],
    } as unknown as MessageBatch<unknown>;
    await consumeTranslateBatch(batch, { DB: env.DB, AI: ai });

    const html = await queuePage();
    expect(html).toContain('1 machine translation rejected');
    expect(html).toContain(`href="/desk/documents/${id}#text-ja">Wind farm agreed in Karakalpakstan</a>`);
    expect(html).toContain('it repeats itself');
    expect(await queuePage('ja')).toContain('同じ語句の繰り返し');
    const documentPage = await (await desk(`/desk/documents/${id}`, { cookie: session.cookie })).text();
    expect(documentPage).toContain('The machine translation into ja was rejected (it repeats itself');

    // An editor writes the Japanese text: nothing is left to do.
    const saved = await desk(`/desk/documents/${id}/texts/ja`, {
      cookie: session.cookie,
      form: {
        _token: session.token,
        revision: '0',
        intent: 'save',
        headline: 'カラカルパクスタンで風力発電',
        p0: '建設は来春に始まる。',
      },
    });
    expect(saved.status).toBe(303);
    expect(await queuePage()).toContain('0 machine translations rejected');
  });
});

const ARTICLE = `<p>${[
  'A delegation from Japan visited the Samarkand textile cluster on Wednesday to discuss the supply of modern looms and the training of technicians.',
  'Representatives of Uzbekistan said the cluster plans to export cotton fabric to Japanese clothing brands from the autumn of next year.',
  'The visit follows talks between the two countries on expanding trade in light industry, the regional administration said in a statement.',
  'Both sides agreed to meet again in Tokyo in the spring to sign a contract for the first deliveries of equipment and fabric.',
].join('</p><p>')}</p>`;

describe('what polling leaves for a person', () => {
  it('lists items without text and failing sources, and shows an ingested document’s provenance', async () => {
    const base = 'https://ingest.example.uz';
    const source = await insertSource(
      db,
      { name: 'Provenance wire', feedUrl: `${base}/rss`, language: 'en', rights: 'excerpt' },
      new Date().toISOString(),
    );
    const failing = await insertSource(
      db,
      { name: 'Broken wire', feedUrl: 'https://broken.example.jp/rss', language: 'ja' },
      new Date().toISOString(),
    );
    const upstream = createUpstream({
      [`${base}/rss`]: () =>
        new Response(
          `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>w</title>
          <item><guid>p-1</guid><link>${base}/news/looms</link><title>Japanese looms for Samarkand</title><pubDate>Wed, 08 Oct 2025 09:00:00 GMT</pubDate><content:encoded><![CDATA[${ARTICLE}]]></content:encoded></item>
          <item><guid>p-2</guid><link>${base}/news/gallery</link><title>Photo gallery</title><pubDate>Thu, 20 Nov 2025 10:00:00 GMT</pubDate></item>
          </channel></rss>`,
          { headers: { 'Content-Type': 'application/rss+xml' } },
        ),
      [`${base}/news/gallery`]: () =>
        new Response('<!doctype html><html><head><title>Gallery</title></head><body><nav>Home</nav></body></html>', {
          headers: { 'Content-Type': 'text/html; charset=utf-8' },
        }),
      'https://broken.example.jp/rss': () => new Response('down', { status: 500 }),
    });
    const polled = await pollSourceNow(env, db, source.id, upstream.fetch);
    expect(polled?.skipped).toEqual([{ url: `${base}/news/gallery`, reason: 'no_text' }]);
    const documentId = polled?.accepted[0]?.documentId;
    await pollSourceNow(env, db, failing.id, upstream.fetch);

    const html = await queuePage();
    expect(html).toContain('1 item with no text');
    expect(html).toContain(`href="${base}/news/gallery"`);
    expect(html).toContain(`<a href="/desk/sources/${source.id}">Provenance wire</a>`);
    expect(html).toContain('1 failing source');
    expect(html).toContain(`<a href="/desk/sources/${failing.id}">Broken wire</a>`);
    expect(html).toContain('1 failure in a row');

    const documentPage = await (await desk(`/desk/documents/${documentId}`, { cookie: session.cookie })).text();
    const raw = await env.DB.prepare(
      'SELECT raw_hash AS hash, fetched_at AS at FROM document_provenance WHERE document_id = ?1',
    )
      .bind(documentId)
      .first<{ hash: string; at: string }>();
    expect(raw?.hash).toMatch(/^[0-9a-f]{64}$/);
    for (const fact of [
      `<a href="/desk/sources/${source.id}">Provenance wire</a>`,
      'Excerpt (headline, lead paragraph and link)',
      `href="${base}/news/looms"`,
      raw?.hash ?? 'no hash',
      raw?.at ?? 'no time',
    ]) {
      expect(documentPage).toContain(fact);
    }

    // A good poll of the failing source takes it off the queue.
    upstream.routes['https://broken.example.jp/rss'] = () =>
      new Response('<rss version="2.0"><channel><title>b</title></channel></rss>', {
        headers: { 'Content-Type': 'application/rss+xml' },
      });
    await pollSourceNow(env, db, failing.id, upstream.fetch);
    expect(await queuePage()).toContain('0 failing sources');
  });
});
