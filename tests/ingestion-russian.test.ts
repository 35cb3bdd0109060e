/**
 * Sources in a language with no edition (Russian): with Workers AI bound, an item is
 * translated into English at the poll (guarded), stored as a machine translation labelled to
 * readers, its Russian original kept in the provenance; without the binding it is skipped
 * (`no_edition`); a draft the guards reject is skipped for good, a model that fails is retried.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import en from '../locales/en.json';
import { createDb } from '../src/db/client.ts';
import { insertSource, getSource } from '../src/db/sources.ts';
import type { TranslationModel } from '../src/services/machine-translation.ts';
import { pollSource } from '../src/workflows/ingestion/poll-source.ts';
import { pollSourceNow } from '../src/workflows/ingestion/run-ingestion.ts';
import { createUpstream } from './helpers/fake-upstream.ts';
import { get } from './helpers/http.ts';

const db = createDb(env.DB);
const MODEL = '@cf/test/m2m';

const HEADLINE = 'Узбекистан и Япония договорились о строительстве электростанции в Ташкенте';
const PARAGRAPHS = [
  'Президент Узбекистана Шавкат Мирзиёев и премьер-министр Японии Санаэ Такаити провели переговоры в Токио.',
  'Японские компании примут участие в строительстве новой тепловой электростанции под Ташкентом.',
];
/** What a good model makes of them. */
const ENGLISH: Record<string, string> = {
  [HEADLINE]: 'Uzbekistan and Japan agree to build a power plant in Tashkent',
  [PARAGRAPHS[0]!]:
    'The President of Uzbekistan Shavkat Mirziyoyev and the Prime Minister of Japan Sanae Takaichi held talks in Tokyo.',
  [PARAGRAPHS[1]!]: 'Japanese companies will take part in building a new thermal power plant near Tashkent.',
};

function createModel(answer: (text: string) => string | Error) {
  const calls: { source: string; target: string; text: string }[] = [];
  const ai: TranslationModel = {
    run(_model, input) {
      calls.push({ source: input.source_lang, target: input.target_lang, text: input.text });
      const output = answer(input.text);
      return output instanceof Error ? Promise.reject(output) : Promise.resolve({ translated_text: output });
    },
  };
  return { ai, calls };
}

let counter = 0;
async function russianSource() {
  counter += 1;
  const origin = `https://ru${counter}.example`;
  const source = await insertSource(
    db,
    { name: `Russian wire ${counter}`, feedUrl: `${origin}/rss`, language: 'ru', rights: 'full' },
    new Date().toISOString(),
  );
  const url = `${origin}/news/1`;
  const upstream = createUpstream({
    [source.feedUrl]: () =>
      new Response(
        `<rss version="2.0"><channel><title>w</title><item><guid>${url}</guid><link>${url}</link><title>${HEADLINE}</title><pubDate>Wed, 17 Dec 2025 09:00:00 GMT</pubDate></item></channel></rss>`,
        { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } },
      ),
    [url]: () =>
      new Response(
        `<html lang="ru"><head><title>${HEADLINE}</title></head><body><article><h1>${HEADLINE}</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`,
        { headers: { 'Content-Type': 'text/html; charset=utf-8' } },
      ),
  });
  return { source, upstream, url };
}

const documentCount = async () => (await env.DB.prepare('SELECT count(*) AS n FROM documents').first<number>('n')) ?? 0;

describe('a Russian source', () => {
  it('is translated into English, stored and labelled as a machine translation, its original kept', async () => {
    const { source, upstream, url } = await russianSource();
    const { ai, calls } = createModel((text) => ENGLISH[text] ?? 'unexpected');
    // As the admin endpoint and the queue consumer poll: the model comes from the environment.
    const report = (await pollSourceNow(
      { DB: env.DB, AI: ai, TRANSLATION_MODEL: MODEL },
      db,
      source.id,
      upstream.fetch,
    ))!;
    expect(report.skipped).toEqual([]);
    expect(report.accepted).toHaveLength(1);
    // The headline and each paragraph, Russian to English; counted as the poll's subrequests.
    expect(calls.map((call) => [call.source, call.target])).toEqual([
      ['ru', 'en'],
      ['ru', 'en'],
      ['ru', 'en'],
    ]);
    expect(report.subrequests).toBeGreaterThanOrEqual(2 + calls.length);

    const id = report.accepted[0]!.documentId;
    const stored = await env.DB.prepare(
      `SELECT d.original_language, t.lang, t.origin, t.headline, t.body, p.original_cyrillic,
         (SELECT author FROM revisions WHERE document_id = d.id AND lang = 'en') AS author
       FROM documents d JOIN translations t ON t.document_id = d.id
       JOIN document_provenance p ON p.document_id = d.id WHERE d.id = ?1`,
    )
      .bind(id)
      .all<Record<string, string>>();
    expect(stored.results).toHaveLength(1);
    const row = stored.results[0]!;
    expect(row).toMatchObject({
      original_language: 'en',
      lang: 'en',
      origin: 'machine',
      headline: ENGLISH[HEADLINE],
      author: `machine:${MODEL}`,
    });
    expect(JSON.parse(row.body ?? '[]')).toEqual(PARAGRAPHS.map((text) => ({ kind: 'p', text: ENGLISH[text] })));
    expect(JSON.parse(row.original_cyrillic ?? '[]')).toEqual([
      { kind: 'h', text: HEADLINE },
      ...PARAGRAPHS.map((text) => ({ kind: 'p', text })),
    ]);

    const page = await (await get(`/en/articles/${report.accepted[0]!.slug}`)).text();
    expect(page).toContain(ENGLISH[PARAGRAPHS[1]!]);
    expect(page).toContain(en.article.machineDraft);
    expect(page).toContain(en.article.machineTranslation.replace('{{language}}', en.languageNames.ru));
    expect(page).toContain(`href="${url}"`);
  });

  it('is skipped without Workers AI, as a language with no edition', async () => {
    const { source, upstream, url } = await russianSource();
    const before = await documentCount();
    const report = await pollSource({ db, fetch: upstream.fetch, allowPrivate: false }, source);
    expect(report.skipped).toEqual([{ url, reason: 'no_edition' }]);
    expect(await documentCount()).toBe(before);
  });

  it('skips for good a draft the guards reject, and retries one the model failed to make', async () => {
    const looping = await russianSource();
    const loop = createModel(() => 'the the the the the the the the the the the the the the');
    const deps = { db, fetch: looping.upstream.fetch, allowPrivate: false, translator: { ai: loop.ai, model: MODEL } };
    const before = await documentCount();
    expect((await pollSource(deps, looping.source)).skipped).toEqual([{ url: looping.url, reason: 'untranslatable' }]);
    const asked = loop.calls.length;
    const again = await pollSource(deps, (await getSource(db, looping.source.id))!);
    expect(again.skipped).toEqual([]);
    expect(loop.calls).toHaveLength(asked);

    const failing = await russianSource();
    const down = createModel(() => new Error('model unavailable'));
    const failingDeps = { ...deps, fetch: failing.upstream.fetch, translator: { ai: down.ai, model: MODEL } };
    expect((await pollSource(failingDeps, failing.source)).skipped).toEqual([
      { url: failing.url, reason: 'translation_failed' },
    ]);
    const retried = await pollSource(failingDeps, (await getSource(db, failing.source.id))!);
    expect(retried.skipped).toEqual([{ url: failing.url, reason: 'translation_failed' }]);
    expect(await documentCount()).toBe(before);
  });
});
