/**
 * Issue 15, defect 9: every entity has a short factual description in each content language,
 * stored with the entity (content/entities.json → D1), shown on its page (tests in
 * reader-pages.test.tsx) and carried by the JSON API's article entities.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { assembleCorpus, CorpusError } from '../src/services/corpus.ts';
import { transliterateUzLatnToCyrl } from '../src/services/transliterate.ts';
import { buildCorpusInput, seedTestCorpus } from './helpers/corpus.ts';
import { get } from './helpers/http.ts';

const PORTFOLIO = 'uzbekistan-and-japan-sign-12bn-cooperation-portfolio';

interface ApiEntity {
  slug: string;
  name: string;
  description: string | null;
}

beforeAll(async () => {
  await seedTestCorpus(env.DB);
});

describe('entity descriptions as data', () => {
  const { entities } = buildCorpusInput().entities;

  it.each(entities.map((entity) => [entity.slug, entity] as const))(
    '%s: one or two sentences in en, uz and ja, written as each edition writes',
    (_slug, entity) => {
      for (const lang of ['en', 'uz', 'ja'] as const) {
        const text = entity.description[lang];
        const sentences = text.split(lang === 'ja' ? /。/ : /[.!?](?:\s|$)/).filter((part) => part.trim() !== '');
        expect(sentences.length, `${lang}: ${text}`).toBeGreaterThanOrEqual(1);
        expect(sentences.length, `${lang}: ${text}`).toBeLessThanOrEqual(2);
        expect(text.length, lang).toBeLessThanOrEqual(260);
      }
      // Uzbek Latin: the letters oʻ gʻ with U+02BB and the tutuq belgisi U+02BC, never ASCII.
      expect(entity.description.uz).not.toMatch(/['‘’`]/);
      expect(entity.description.uz).not.toMatch(/[oOgG]\u02BC/);
      // Japanese: full-width punctuation, no half-width brackets or colons.
      expect(entity.description.ja).not.toMatch(/[():]/);
      // …and no Latin letters: a Japanese page carries no English outside lang="en" spans.
      expect(entity.description.ja).not.toMatch(/[A-Za-z]/);
      expect(entity.description.ja.endsWith('。')).toBe(true);
    },
  );

  it('a corpus whose entity lacks a description in one language is refused at load', async () => {
    const input = buildCorpusInput();
    const [first, ...rest] = input.entities.entities;
    const broken = { ...first!, description: { en: first!.description.en, uz: '  ', ja: first!.description.ja } };
    await expect(assembleCorpus({ ...input, entities: { entities: [broken, ...rest] } })).rejects.toThrow(CorpusError);
    await expect(assembleCorpus({ ...input, entities: { entities: [broken, ...rest] } })).rejects.toThrow(
      /no uz description/,
    );
  });

  it('is stored with the entity when the corpus is seeded', async () => {
    const row = await env.DB.prepare(
      'SELECT description_en, description_uz, description_ja FROM entities WHERE slug = ?1',
    )
      .bind('tashkent')
      .first<{ description_en: string; description_uz: string; description_ja: string }>();
    const tashkent = entities.find((entity) => entity.slug === 'tashkent')!;
    expect(row).toEqual({
      description_en: tashkent.description.en,
      description_uz: tashkent.description.uz,
      description_ja: tashkent.description.ja,
    });
  });
});

describe('entity descriptions in the JSON API', () => {
  it.each(['en', 'uz', 'uz-Cyrl', 'ja'])('%s: an article’s entities carry their description', async (lang) => {
    const response = await get(`/api/v1/${lang}/articles/${PORTFOLIO}`);
    expect(response.status).toBe(200);
    const { entities } = await response.json<{ entities: ApiEntity[] }>();
    const tokyo = entities.find((entity) => entity.slug === 'tokyo');
    const want = { en: 'The capital of Japan.', uz: 'Yaponiya poytaxti.', ja: '日本の首都。' };
    const expected = lang === 'uz-Cyrl' ? transliterateUzLatnToCyrl(want.uz) : want[lang as keyof typeof want];
    expect(tokyo?.description).toBe(expected);
    for (const entity of entities) expect(entity.description, entity.slug).toEqual(expect.any(String));
  });

  it('the Cyrillic edition gets the description in Cyrillic', async () => {
    const { entities } = await (
      await get(`/api/v1/uz-Cyrl/articles/${PORTFOLIO}`)
    ).json<{
      entities: ApiEntity[];
    }>();
    expect(entities.find((entity) => entity.slug === 'tokyo')?.description).toBe('Япония пойтахти.');
  });
});
