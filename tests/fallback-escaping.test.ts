import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedTestCorpus } from './helpers/corpus.ts';
import { get } from './helpers/http.ts';

const HOSTILE = `<script>alert("x")</script> & "quotes" 'single'`;

beforeAll(async () => {
  await seedTestCorpus(env.DB);
  // A document with hostile text and only its English original: no uz or ja translation.
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO documents (slug, source_name, source_url, published_on, iso_week, original_language, content_hash)
       VALUES ('hostile', ?1, 'https://example.org/?a=1&b=<2>', '2026-01-05', '2026-W02', 'en', 'x')`,
    ).bind(HOSTILE),
    env.DB.prepare(
      `INSERT INTO translations (document_id, lang, headline, summary, body, origin, content_hash)
       SELECT id, 'en', ?1, ?1, ?2, 'source', 'x' FROM documents WHERE slug = 'hostile'`,
    ).bind(HOSTILE, JSON.stringify([{ kind: 'p', text: HOSTILE }])),
  ]);
});

describe('escaping', () => {
  it.each(['/en/', '/uz/', '/en/articles/hostile', '/ja/articles/hostile'])('%s escapes stored text', async (path) => {
    const html = await (await get(path)).text();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;');
  });
});

describe('missing translation', () => {
  it('falls back to English with a visible note in the reader language', async () => {
    const html = await (await get('/ja/articles/hostile')).text();
    expect(html).toContain('この記事はまだ日本語に翻訳されていません');
    expect(html).toContain('<div class="body" lang="en">');
    expect(html).toMatch(/<h1 lang="en">/);
  });

  it('marks the fallback teaser on the home page as English', async () => {
    const html = await (await get('/uz/')).text();
    expect(html).toContain('Bu maqola hali oʻzbek tiliga tarjima qilinmagan');
    expect(html).toMatch(/<h3 lang="en"><a href="\/uz\/articles\/hostile">/);
  });
});
