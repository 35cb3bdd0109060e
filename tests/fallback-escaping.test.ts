import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { get, ORIGIN } from './helpers/http.ts';
import { findMarkupProblem } from './helpers/markup.ts';

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
    expect(html).toContain('Bu xabar hali oʻzbek tiliga tarjima qilinmagan');
    expect(html).toMatch(/<h3 lang="en"><a href="\/uz\/articles\/hostile">/);
  });
});

/*
 * Every field a reader sees, filled with markup through the editorial API (and, for entity
 * names, which have no editorial endpoint, directly in D1), then every view, feed and API
 * response that shows it. "Escaped" is checked structurally: the only "<" in a page are the
 * tags the views write, so data can never open an element of its own.
 */
const PAYLOAD = `<script>alert(1)</script> "><img src=x onerror=alert(1)> ]]> &amp;`;
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt; ]]&gt; &amp;amp;';
const HOSTILE_WEEK = '2025-W51';

/** Fails when markup outside our elements, an event handler or a stray "<" appears in the HTML. */
function expectOnlyOurMarkup(html: string, label: string): void {
  expect(findMarkupProblem(html), label).toBeNull();
}

async function admin(method: string, path: string, body: unknown): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${ORIGIN}/api/v1/admin${path}`, {
      method,
      headers: { Authorization: 'Bearer test-admin-token', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
    env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

describe('markup in every stored field', () => {
  let slug = '';

  beforeAll(async () => {
    await env.DB.prepare(
      `INSERT INTO entities (slug, kind, name_en, name_uz, name_ja, description_en, description_uz, description_ja)
       VALUES ('hostile-entity', 'organization', ?1, ?1, ?1, ?2, ?2, ?2)`,
    )
      .bind(`Entity ${PAYLOAD}`, `About ${PAYLOAD}`)
      .run();
    const created = await admin('POST', '/documents', {
      headline: `Zanzibarquux ${PAYLOAD}`,
      paragraphs: [
        `Zanzibarquux officials said on Monday that ${PAYLOAD} was the agreed wording of the statement.`,
        `The statement, quoted in full as ${PAYLOAD}, was read out in Tashkent and Tokyo.`,
      ],
      sourceName: `Wire ${PAYLOAD}`,
      sourceUrl: 'https://wire.example/hostile?a=1&b=%3Cscript%3E',
      publishedOn: '2025-12-17',
      language: 'en',
      photoCredit: `Photo ${PAYLOAD}`,
      topics: ['energy'],
      entities: ['hostile-entity'],
    });
    expect(created.status).toBe(201);
    const { id, slug: createdSlug } = await created.json<{ id: number; slug: string }>();
    slug = createdSlug;
    for (const lang of ['uz', 'ja']) {
      const put = await admin('PUT', `/documents/${id}/translations/${lang}`, {
        headline: `Zanzibarquux ${PAYLOAD}`,
        paragraphs: [`Zanzibarquux ${PAYLOAD} birinchi.`, `Ikkinchi ${PAYLOAD}.`],
      });
      expect(put.status, lang).toBe(201);
    }
    const rebuilt = await admin('POST', `/rebuild?week=${HOSTILE_WEEK}`, {});
    expect(rebuilt.status).toBe(200);
  });

  it('is escaped on every page that shows it, in every edition', async () => {
    const pages = (lang: string) => [
      `/${lang}/`,
      `/${lang}/articles/${slug}`,
      `/${lang}/weeks/${HOSTILE_WEEK}`,
      `/${lang}/weeks/`,
      `/${lang}/topics/energy`,
      `/${lang}/entities/hostile-entity`,
      `/${lang}/search?q=${encodeURIComponent('Zanzibarquux')}`,
      `/${lang}/search?q=${encodeURIComponent(PAYLOAD)}`,
    ];
    for (const lang of ['en', 'uz', 'uz-Cyrl', 'ja']) {
      for (const path of pages(lang)) {
        const response = await get(path);
        expect(response.status, path).toBe(200);
        const html = await response.text();
        expectOnlyOurMarkup(html, path);
        expect(html, path).not.toContain('<script');
        // The payload's <img> never arrives as markup; the only image is the layout's own logo.
        expect(html, path).not.toContain('<img src=x');
        expect(html.match(/<img/g), path).toHaveLength(1);
      }
    }
  });

  it('reaches the reader escaped in each field (so the checks above are not vacuous)', async () => {
    const article = await (await get(`/en/articles/${slug}`)).text();
    for (const prefix of [
      'Zanzibarquux ',
      'Wire ',
      'Photo ',
      'Entity ',
      'Zanzibarquux officials said on Monday that ',
    ]) {
      expect(article, prefix).toContain(prefix + ESCAPED);
    }
    const entityPage = await (await get('/en/entities/hostile-entity')).text();
    expect(entityPage).toContain(`Entity ${ESCAPED}`);
    expect(entityPage).toContain(`About ${ESCAPED}`);
    expect(await (await get('/en/search?q=Zanzibarquux')).text()).toContain(ESCAPED.slice(0, 30));
    const week = await (await get(`/en/weeks/${HOSTILE_WEEK}`)).text();
    expect(week).toContain(`Zanzibarquux ${ESCAPED}`);
    expect(await (await get('/ja/')).text()).toContain(`Zanzibarquux ${ESCAPED}`);
  });

  it('is well-formed and escaped in RSS, Atom and JSON Feed, including the HTML they carry', async () => {
    const parser = new XMLParser({ ignoreAttributes: false, trimValues: false, parseTagValue: false });
    for (const lang of ['en', 'uz', 'uz-Cyrl', 'ja']) {
      const rss = await (await get(`/${lang}/feed.xml`)).text();
      expect(XMLValidator.validate(rss), `${lang} RSS`).toBe(true);
      const channel = (parser.parse(rss) as { rss: { channel: { item: RssItem[] | RssItem } } }).rss.channel;
      for (const item of [channel.item].flat()) {
        expectOnlyOurMarkup(String(item['content:encoded']), `${lang} content:encoded`);
        expectOnlyOurMarkup(String(item.description), `${lang} RSS description`);
      }
      expect(rss).not.toMatch(/<(script|img)/i);

      const atom = await (await get(`/${lang}/feed.atom`)).text();
      expect(XMLValidator.validate(atom), `${lang} Atom`).toBe(true);
      const feed = (parser.parse(atom) as { feed: { entry: AtomEntry[] | AtomEntry } }).feed;
      for (const entry of [feed.entry].flat()) expectOnlyOurMarkup(String(entry.content['#text']), `${lang} Atom`);
      expect(atom).not.toMatch(/<(script|img)/i);

      const jsonResponse = await get(`/${lang}/feed.json`);
      const json = JSON.parse(await jsonResponse.text()) as { items: { content_html: string; title: string }[] };
      for (const item of json.items) expectOnlyOurMarkup(item.content_html, `${lang} JSON Feed`);
    }
    const en = await (await get('/en/feed.json')).text();
    expect(en).toContain(ESCAPED.slice(0, 30));
  });

  it('comes back as exact plain text in valid JSON from the API', async () => {
    const response = await get(`/api/v1/en/articles/${slug}`);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    const text = await response.text();
    const article = JSON.parse(text) as Record<string, unknown>;
    expect(article.headline).toBe(`Zanzibarquux ${PAYLOAD}`);
    expect(JSON.stringify(article)).toContain(`Wire ${PAYLOAD}`.replaceAll('"', '\\"'));
    const week = JSON.parse(await (await get(`/api/v1/en/weeks/${HOSTILE_WEEK}`)).text()) as unknown;
    expect(JSON.stringify(week)).toContain('Zanzibarquux');
    const search = await get('/api/v1/en/search?q=Zanzibarquux');
    expect(search.status).toBe(200);
    expect(JSON.stringify(JSON.parse(await search.text()))).toContain('Zanzibarquux');
  });
});

interface RssItem {
  description: unknown;
  'content:encoded': unknown;
}

interface AtomEntry {
  content: { '#text': unknown };
}
