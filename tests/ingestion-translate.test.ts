import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../src/db/client.ts';
import { insertSource } from '../src/db/sources.ts';
import { listTranslationFlags } from '../src/db/translation-flags.ts';
import type { TranslationModel } from '../src/services/machine-translation.ts';
import { pollSourceNow } from '../src/workflows/ingestion/run-ingestion.ts';
import { consumeTranslateBatch, type TranslateMessage } from '../src/workflows/ingestion/translate-queue.ts';
import { callAdmin } from './helpers/admin-call.ts';
import { createUpstream } from './helpers/fake-upstream.ts';
import { get } from './helpers/http.ts';
import en from '../locales/en.json';
import ja from '../locales/ja.json';
import uz from '../locales/uz.json';

const db = createDb(env.DB);

/** A fake Workers AI: fluent Uzbek-looking Latin text, and a repetition loop for Japanese. */
function createFakeAi() {
  const calls: { model: string; to: string }[] = [];
  const ai: TranslationModel = {
    run(model, input) {
      calls.push({ model, to: input.target_lang });
      const translated = input.target_lang === 'ja' ? 'ウズベキスタン'.repeat(9) : `(uz) ${input.text}`;
      return Promise.resolve({ translated_text: translated });
    },
  };
  return { ai, calls };
}

function batchOf(documentId: number) {
  const acked: number[] = [];
  const batch = {
    queue: 'silk-digest-translate',
    messages: [
      { id: 't', body: { documentId }, attempts: 1, ack: () => acked.push(documentId), retry: () => undefined },
    ],
  } as unknown as MessageBatch<unknown>;
  return { batch, acked };
}

async function texts(documentId: number) {
  const { results } = await env.DB.prepare(
    'SELECT lang, origin, headline FROM translations WHERE document_id = ?1 ORDER BY lang',
  )
    .bind(documentId)
    .all<{ lang: string; origin: string; headline: string }>();
  return results;
}

describe('machine translation of ingested documents', () => {
  it('queues what a poll accepts, drafts with the configured model, and flags a guarded failure', async () => {
    const source = await insertSource(
      db,
      { name: 'Translate wire', feedUrl: 'https://translate.example.uz/rss', language: 'en', rights: 'full' },
      new Date().toISOString(),
    );
    const upstream = createUpstream({
      [source.feedUrl]: () =>
        new Response(
          `<rss version="2.0"><channel><title>t</title><item><guid>t1</guid><link>https://translate.example.uz/a</link><title>Japan funds a hospital in Bukhara</title><pubDate>Tue, 16 Dec 2025 10:00:00 GMT</pubDate></item></channel></rss>`,
          { headers: { 'Content-Type': 'application/rss+xml' } },
        ),
      'https://translate.example.uz/a': () =>
        new Response(
          '<html><head><title>Japan funds a hospital in Bukhara</title></head><body><article><p>The Japanese government will fund a new children’s hospital in Bukhara, Uzbekistan, the embassy said.</p></article></body></html>',
          { headers: { 'Content-Type': 'text/html' } },
        ),
    });
    const { ai, calls } = createFakeAi();
    const sent: TranslateMessage[] = [];
    const queue = {
      sendBatch(messages: Iterable<MessageSendRequest<TranslateMessage>>) {
        sent.push(...[...messages].map((message) => message.body));
        return Promise.resolve({ metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } });
      },
    };
    const report = await pollSourceNow({ DB: env.DB, AI: ai, TRANSLATE_QUEUE: queue }, db, source.id, upstream.fetch);
    const documentId = report?.accepted[0]?.documentId ?? 0;
    expect(sent).toEqual([{ documentId }]);

    const { batch, acked } = batchOf(documentId);
    await consumeTranslateBatch(batch, { DB: env.DB, AI: ai, TRANSLATION_MODEL: '@cf/test/model' });
    expect(acked).toEqual([documentId]);
    expect(new Set(calls.map((call) => call.model))).toEqual(new Set(['@cf/test/model']));
    expect(await texts(documentId)).toEqual([
      { lang: 'en', origin: 'source', headline: 'Japan funds a hospital in Bukhara' },
      { lang: 'uz', origin: 'machine', headline: '(uz) Japan funds a hospital in Bukhara' },
    ]);
    expect(await listTranslationFlags(db, documentId)).toEqual([
      { documentId, lang: 'ja', problem: 'repetition', model: '@cf/test/model', at: expect.any(String) as unknown },
    ]);
    // Readers of the draft are told, in their language; the Japanese edition, whose draft was
    // rejected, shows the original with the fallback note; the original says nothing of machines.
    const slug = report?.accepted[0]?.slug ?? '';
    const page = async (path: string) => (await get(path)).text();
    const uzPage = await page(`/uz/articles/${slug}`);
    expect(uzPage).toContain('(uz) Japan funds a hospital in Bukhara');
    expect(uzPage).toContain(uz.article.machineDraft);
    const jaPage = await page(`/ja/articles/${slug}`);
    expect(jaPage).toContain(ja.article.fallback);
    expect(jaPage).not.toContain(ja.article.machineDraft);
    expect(await page(`/en/articles/${slug}`)).not.toContain(en.article.machineDraft);

    // So are feed readers: the week's summary (rebuilt after the draft) in every format, and
    // the topic feed's item of the report itself.
    const encoded = (text: string) => JSON.stringify(text).slice(1, -1);
    for (const feed of ['feed.xml', 'feed.atom']) {
      const uzFeed = await page(`/uz/${feed}`);
      expect(uzFeed, feed).toContain('(uz) Japan funds a hospital in Bukhara');
      expect(uzFeed, feed).toContain(uz.article.machineDraft);
      expect(await page(`/en/${feed}`), feed).not.toContain(en.article.machineDraft);
    }
    expect(await page('/uz/feed.json')).toContain(encoded(uz.article.machineDraft));
    const topicFeed = await page('/uz/topics/healthcare/feed.xml');
    expect(topicFeed).toContain('(uz) Japan funds a hospital in Bukhara');
    expect(topicFeed).toContain(uz.article.machineDraft);
    const jaTopicFeed = await page('/ja/topics/healthcare/feed.json');
    expect(jaTopicFeed).toContain(encoded(ja.article.fallback));
    expect(jaTopicFeed).not.toContain(encoded(ja.article.machineDraft));
  });

  it('keeps an editor’s translation saved while the model was drafting', async () => {
    const created = await callAdmin('POST', '/documents', {
      headline: 'Japanese engineers train railway staff in Samarkand',
      paragraphs: ['Engineers from Japan began a course for Uzbekistan’s railway staff in Samarkand on Monday.'],
      sourceName: 'Test',
      sourceUrl: 'https://race.example.uz/1',
      publishedOn: '2025-12-11',
      language: 'en',
    });
    const { id } = await created.json<{ id: number }>();
    const human = { headline: 'Yaponiyalik muhandislar Samarqandda temiryoʻlchilarni oʻqitmoqda' };
    let saved = false;
    // The editor saves the Uzbek text after the consumer found it missing, before the draft is back.
    const ai: TranslationModel = {
      async run(_model, input) {
        if (input.target_lang === 'uz' && !saved) {
          saved = true;
          const put = await callAdmin('PUT', `/documents/${id}/translations/uz`, {
            headline: human.headline,
            paragraphs: ['Yaponiyalik muhandislar dushanba kuni Samarqandda temiryoʻl xodimlari uchun kurs boshladi.'],
          });
          expect(put.status).toBe(201);
        }
        return { translated_text: `(${input.target_lang}) ${input.text}` };
      },
    };
    await consumeTranslateBatch(batchOf(id).batch, { DB: env.DB, AI: ai });
    expect(saved).toBe(true);
    const uzText = (await texts(id)).find((row) => row.lang === 'uz');
    expect(uzText).toEqual({ lang: 'uz', origin: 'human', headline: human.headline });
  });

  it('never overwrites a human translation', async () => {
    const created = await callAdmin('POST', '/documents', {
      headline: 'Uzbek students start a year at Osaka University',
      paragraphs: ['Forty students from Tashkent began a year of engineering studies in Osaka, Japan.'],
      sourceName: 'Test',
      sourceUrl: 'https://human.example.uz/1',
      publishedOn: '2025-12-10',
      language: 'en',
    });
    const { id } = await created.json<{ id: number }>();
    const put = await callAdmin('PUT', `/documents/${id}/translations/uz`, {
      headline: 'Oʻzbek talabalari Osaka universitetida',
      paragraphs: ['Toshkentlik qirq talaba Osakada muhandislik boʻyicha bir yillik oʻqishni boshladi.'],
    });
    expect(put.status).toBe(201);
    const { ai } = createFakeAi();
    await consumeTranslateBatch(batchOf(id).batch, { DB: env.DB, AI: ai });
    const uz = (await texts(id)).find((row) => row.lang === 'uz');
    expect(uz).toEqual({ lang: 'uz', origin: 'human', headline: 'Oʻzbek talabalari Osaka universitetida' });
  });
});
