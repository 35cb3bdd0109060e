import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { assembleCorpus } from '../src/services/corpus.ts';
import { buildCorpusInput, seedTestCorpus } from './helpers/corpus.ts';

describe('seed', () => {
  it('loads the corpus once and changes nothing on a second run', async () => {
    const first = await seedTestCorpus(env.DB);
    expect(first).toBeGreaterThan(0);
    const snapshot = await env.DB.prepare('SELECT * FROM documents ORDER BY id').all();
    expect(await seedTestCorpus(env.DB)).toBe(0);
    expect((await env.DB.prepare('SELECT * FROM documents ORDER BY id').all()).results).toEqual(snapshot.results);
    const counts = await env.DB.prepare(
      `SELECT (SELECT count(*) FROM documents) AS docs, (SELECT count(*) FROM translations) AS texts,
              (SELECT count(*) FROM document_topics) AS topics, (SELECT count(*) FROM entities) AS entities`,
    ).first<{ docs: number; texts: number; topics: number; entities: number }>();
    expect(counts).toMatchObject({ docs: 5, texts: 15 });
    expect(counts?.topics).toBeGreaterThanOrEqual(15);
  });

  it('has complete, aligned translations of every document', async () => {
    const corpus = await assembleCorpus(buildCorpusInput());
    for (const doc of corpus) {
      const english = doc.texts.en;
      expect(english, doc.slug).toBeDefined();
      for (const lang of ['uz', 'ja'] as const) {
        const text = doc.texts[lang];
        expect(text, `${doc.slug} ${lang}`).toBeDefined();
        expect(text?.blocks.map((block) => block.kind)).toEqual(english?.blocks.map((block) => block.kind));
        for (const block of text?.blocks ?? []) expect(block.text.trim().length).toBeGreaterThan(0);
      }
      // Official Uzbek orthography: U+02BB / U+02BC, never ASCII or curly apostrophes.
      expect(JSON.stringify(doc.texts.uz)).not.toMatch(/['‘’`]/);
      // Japanese sentences use full-width punctuation (Latin company names like "Co. Ltd." aside).
      expect(JSON.stringify(doc.texts.ja)).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff][,.!?()]/);
    }
  });

  it('puts dates in the right ISO week', async () => {
    const corpus = await assembleCorpus(buildCorpusInput());
    expect(Object.fromEntries(corpus.map((doc) => [doc.slug.slice(0, 20), doc.isoWeek]))).toEqual({
      'uzbekistan-japan-exp': '2025-W34',
      'mirziyoyev-and-takai': '2025-W51',
      'uzbekistan-and-japan': '2025-W51',
      'uzbek-and-japanese-f': '2024-W04',
      'dialogue-central-asi': '2022-W15',
    });
  });
});
