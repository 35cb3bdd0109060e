import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedTestCorpus } from './helpers/corpus.ts';
import { get } from './helpers/http.ts';

beforeAll(async () => {
  await seedTestCorpus(env.DB);
});

/** The articles a search in the Uzbek edition finds, as a sorted list of slugs. */
async function findSlugs(q: string): Promise<string[]> {
  const html = await (await get(`/uz/search?q=${encodeURIComponent(q)}`)).text();
  return [...new Set([...html.matchAll(/href="\/uz\/articles\/([^"]+)"/g)].map((match) => match[1] ?? ''))].sort();
}

/**
 * Each row: one word as the pages write it, then the ways a reader may type it: old-style
 * apostrophes, the 2026 Latin alphabet (ş ç ğ ö for sh ch gʻ oʻ), capitals, Cyrillic.
 */
const SPELLINGS: readonly (readonly string[])[] = [
  ['Oʻzbekiston', "O'zbekiston", 'O‘zbekiston', 'O’zbekiston', 'O`zbekiston', 'Özbekiston', 'ÖZBEKISTON', 'Ўзбекистон'],
  ['uchrashuv', 'uçraşuv', 'UÇRAŞUV', 'учрашув'],
  ['toʻgʻrisida', "to'g'risida", 'to‘g‘risida', 'töğrisida', 'тўғрисида'],
  ['sheriklik', 'şeriklik', 'Şeriklik', 'шериклик'],
  ['taʼlim', "ta'lim", 'ta’lim', 'ta`lim', 'таълим'],
  ['neft', 'нефть', 'нефт'],
];

describe('search finds the same documents however Uzbek is typed', () => {
  it.each(SPELLINGS.map((row) => [row[0] as string, row]))('%s', async (_word, row) => {
    const expected = await findSlugs(row[0] as string);
    expect(expected.length).toBeGreaterThan(0);
    for (const spelling of row.slice(1)) expect(await findSlugs(spelling), spelling).toEqual(expected);
  });
});
