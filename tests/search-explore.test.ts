import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../src/services/search-query.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { get } from './helpers/http.ts';

const SAMARKAND_STORIES = [
  'mirziyoyev-and-takaichi-hold-talks-in-tokyo',
  'uzbekistan-and-japan-sign-12bn-cooperation-portfolio',
];

beforeAll(async () => {
  await seedTestCorpus(env.DB);
});

async function search(lang: string, q: string): Promise<{ status: number; html: string }> {
  const response = await get(`/${lang}/search?q=${encodeURIComponent(q)}`);
  return { status: response.status, html: await response.text() };
}

describe('search', () => {
  it.each(['/en/', '/uz-Cyrl/articles/mirziyoyev-and-takaichi-hold-talks-in-tokyo', '/ja/weeks/', '/uz/topics/'])(
    'has a search box on %s that searches its own edition',
    async (path) => {
      const html = await (await get(path)).text();
      const edition = path.split('/')[1] ?? '';
      expect(html).toContain(`<form class="search" role="search" action="/${edition}/search" method="get">`);
      expect(html).toMatch(
        /<label class="vh" for="site-search">[^<]+<\/label><input id="site-search" name="q" type="search"/,
      );
    },
  );

  it('keeps the query in the box and cuts snippets at word boundaries', async () => {
    const { html } = await search('en', 'Samarkand');
    expect(html).toContain('value="Samarkand"');
    const snippets = [...html.matchAll(/<p>(…?[^<]*<mark>[\s\S]*?)<\/p>/g)].map((match) => match[1] ?? '');
    expect(snippets.length).toBeGreaterThanOrEqual(2);
    // snippet() cuts inside words ("…conomic zone", "…al economic zone"); the page shows whole words.
    expect(snippets.join('\n')).not.toMatch(/…(?:conomic|al economic)/);
    for (const snippet of snippets) expect(snippet, snippet).toMatch(/^(?:…\s?)?(?:<mark>|[\p{L}\p{N}$(“"«])/u);
  });

  it.each([
    ['en', 'Samarkand'],
    ['uz', 'Samarqand'],
    ['ja', 'サマルカンド'],
  ])('%s: "%s" finds the Samarkand stories in that edition', async (lang, q) => {
    const { status, html } = await search(lang, q);
    expect(status).toBe(200);
    for (const slug of SAMARKAND_STORIES) expect(html).toContain(`href="/${lang}/articles/${slug}"`);
    expect(html).toContain('<mark>');
    expect(html).not.toContain('dialogue-central-asia-japan');
  });

  it('finds Uzbek text typed in Cyrillic or with any apostrophe', async () => {
    for (const q of ['Самарқанд', "O'zbekiston", 'O‘zbekiston', 'Oʼzbekiston', 'O`zbekiston', 'oʻzbekiston']) {
      const { html } = await search('uz', q);
      expect(html, q).toContain('href="/uz/articles/mirziyoyev-and-takaichi-hold-talks-in-tokyo"');
    }
  });

  it('ranks a headline match first and paginates', async () => {
    const { html } = await search('en', 'portfolio');
    const first = html.indexOf('/en/articles/');
    expect(html.slice(first, first + 80)).toContain('uzbekistan-and-japan-sign-12bn-cooperation-portfolio');
  });

  it('falls back for queries shorter than three characters', async () => {
    const { html } = await search('ja', '日本');
    expect(html).toContain('/ja/articles/');
    const { html: it } = await search('en', 'IT');
    expect(it).toContain('/en/articles/');
  });

  it('escapes the query and the snippet', async () => {
    const { status, html } = await search('en', '<script>alert(1)</script> & "Tokyo"');
    expect(status).toBe(200);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;');
  });

  it.each([
    '"',
    '*',
    'NEAR(',
    'OR',
    'AND AND',
    '-Japan',
    'col:Japan',
    '^Japan',
    '"unbalanced',
    '((Japan',
    '   ',
    '',
    '\u0000\u0001\u007f',
    'x'.repeat(10_000),
  ])('survives %j', async (q) => {
    const { status, html } = await search('en', q);
    expect(status).toBe(200);
    expect(html).toContain('<h1>');
  });

  it('answers invalid UTF-8 in the URL with a 400 page in the reader’s language, never a 500', async () => {
    for (const raw of ['%FF%FE', '%E0%A4%A', '%', '%%%']) {
      const response = await get(`/en/search?q=${raw}`);
      expect(response.status, raw).toBe(400);
      expect(await response.text(), raw).toContain('Bad request');
    }
  });

  it('never errors on thousands of generated queries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc
            .array(
              fc.constantFrom(
                '"',
                '*',
                'NEAR(',
                'OR',
                'AND',
                'NOT',
                '-',
                ':',
                '^',
                '(',
                ')',
                'Japan',
                'Тошкент',
                '日本',
                "o'",
                '{',
                '}',
              ),
              {
                maxLength: 12,
              },
            )
            .map((parts) => parts.join(' ')),
        ),
        async (q) => {
          const response = await get(`/en/search?q=${encodeURIComponent(q)}`);
          expect(response.status).toBe(200);
          await response.arrayBuffer();
        },
      ),
      { numRuns: 1500 },
    );
  }, 120_000);

  it('builds quoted FTS5 phrases only', () => {
    expect(parseSearchQuery('Japan OR "x" NEAR(a b)').match).toBe('"Japan" AND "NEAR"');
    expect(parseSearchQuery("O'zbekiston").match).toBe('"Ozbekiston"');
    expect(parseSearchQuery('日本').match).toBeNull();
    expect(parseSearchQuery('日本').shortTerms).toEqual(['日本']);
  });
});

describe('topics and entities', () => {
  it.each(['en', 'uz', 'ja'])('%s: topic index and a topic page', async (lang) => {
    const index = await (await get(`/${lang}/topics/`)).text();
    expect(index).toContain(`href="/${lang}/topics/energy"`);
    const response = await get(`/${lang}/topics/education`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`/${lang}/articles/mirziyoyev-and-takaichi-hold-talks-in-tokyo`);
    expect(html).not.toContain(
      `/${lang}/articles/dialogue-central-asia-japan-is-an-effective-platform-for-cooperation"`,
    );
  });

  it('localizes topic and entity names and 404s unknown ones', async () => {
    expect(await (await get('/ja/topics/energy')).text()).toContain('エネルギー');
    const entity = await (await get('/ja/entities/samarkand')).text();
    expect(entity).toContain('サマルカンド');
    expect(entity).toContain('/ja/articles/uzbekistan-and-japan-sign-12bn-cooperation-portfolio');
    expect((await get('/uz/topics/cooking')).status).toBe(404);
    expect((await get('/uz/entities/nobody')).status).toBe(404);
  });

  it('links articles to their topics and entities', async () => {
    const html = await (await get('/en/articles/mirziyoyev-and-takaichi-hold-talks-in-tokyo')).text();
    expect(html).toContain('href="/en/topics/education"');
    expect(html).toContain('href="/en/entities/sanae-takaichi"');
  });
});
