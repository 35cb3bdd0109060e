import { parseFeed } from '@rowanmanning/feed-parser';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  buildAtom,
  buildJsonFeed,
  buildRss,
  escapeHtmlText,
  escapeXml,
  FEED_CONTENT_TYPES,
  stripInvalidXmlChars,
  type FeedChannel,
  type FeedItem,
} from '../src/services/feeds.ts';

const ORIGIN = 'https://digest.example';

function makeItem(week: string, overrides: Partial<FeedItem> = {}): FeedItem {
  const url = `${ORIGIN}/ja/weeks/${week}`;
  return {
    id: url,
    url,
    title: `週報 ${week}`,
    summaryText: `${week} の要約。`,
    contentHtml: `<p>${week} の要約。</p>`,
    publishedAt: '2025-12-20T00:00:00.000Z',
    updatedAt: '2025-12-21T09:30:00.000Z',
    categories: [],
    ...overrides,
  };
}

function makeChannel(overrides: Partial<FeedChannel> = {}): FeedChannel {
  return {
    lang: 'ja',
    title: 'シルク・ダイジェスト',
    description: '週ごとのまとめ',
    homeUrl: `${ORIGIN}/ja/weeks/`,
    urls: { rss: `${ORIGIN}/ja/feed.xml`, atom: `${ORIGIN}/ja/feed.atom`, json: `${ORIGIN}/ja/feed.json` },
    updatedAt: '2025-12-21T09:30:00.000Z',
    items: [
      makeItem('2025-W51'),
      makeItem('2025-W50', { publishedAt: '2025-12-13T00:00:00.000Z', updatedAt: '2025-12-14T00:00:00.000Z' }),
    ],
    ...overrides,
  };
}

interface JsonFeed {
  version: string;
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  items: Record<string, string>[];
}

const parseJsonFeed = (json: string): JsonFeed => JSON.parse(json) as JsonFeed;

// The same character class the module strips, written out independently.
// eslint-disable-next-line no-control-regex -- detecting control characters is the point
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;

/*
 * Failure messages travel from workerd to vitest as UTF-8, and a lone surrogate in one aborts
 * the whole run instead of reporting the failure. Assertions on text that may hold forbidden
 * characters therefore compare JSON-quoted strings, which spell such characters as escapes.
 */
const quoted = (text: string | null | undefined): string => JSON.stringify(text ?? null);

function expectText(actual: string | null | undefined, expected: string): void {
  expect(quoted(actual)).toBe(quoted(expected));
}

/*
 * fast-xml-parser's validator is lenient about characters XML 1.0 forbids and about "]]>" in
 * character data, so those two rules of well-formedness are checked here directly.
 */
function expectWellFormed(xml: string): void {
  expect(JSON.stringify(XMLValidator.validate(xml))).toBe('true');
  expect(xml.search(FORBIDDEN_IN_XML)).toBe(-1);
  expect(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').indexOf(']]>')).toBe(-1);
}

/*
 * @rowanmanning/feed-parser decodes HTML entities a second time after the XML parser, so for
 * exact round trips the raw XML is also read with fast-xml-parser, which decodes only XML's own.
 */
const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  cdataPropName: '#cdata',
  isArray: (name) => name === 'item' || name === 'entry' || name === '#cdata',
});

type XmlText = string | { '#text'?: string; '#cdata'?: string[] };

/** Text of an element however fast-xml-parser shaped it, with XML's line-end normalisation applied to both sides. */
function textOf(value: XmlText | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return (value['#cdata'] ?? []).join('') + (value['#text'] ?? '');
}

const normalizeNewlines = (text: string): string => text.replace(/\r\n?/g, '\n');

interface RawRss {
  rss: {
    channel: {
      title: XmlText;
      description: XmlText;
      item?: { title: XmlText; description: XmlText; 'content:encoded': XmlText; guid: { '#text': string } }[];
    };
  };
}

interface RawAtom {
  feed: {
    title: XmlText;
    subtitle: XmlText;
    entry?: { title: XmlText; summary: XmlText; content: XmlText }[];
  };
}

const RFC822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

const allMatches = (xml: string, element: string): string[] =>
  [...xml.matchAll(new RegExp(`<${element}>([^<]*)</${element}>`, 'g'))].map((match) => match[1] ?? '');

describe('RSS 2.0', () => {
  it('declares language, self link and items as a feed reader sees them', () => {
    const xml = buildRss(makeChannel());
    expectWellFormed(xml);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"')).toBe(true);
    expect(xml).toContain('xmlns:atom="http://www.w3.org/2005/Atom"');
    expect(xml).toContain('xmlns:content="http://purl.org/rss/1.0/modules/content/"');
    expect(xml).toContain(`<atom:link rel="self" type="application/rss+xml" href="${ORIGIN}/ja/feed.xml"/>`);
    expect(xml).toContain('<generator>Silk Digest</generator>');

    const feed = parseFeed(xml);
    expect(feed.meta).toEqual({ type: 'rss', version: '2.0' });
    expect(feed.language).toBe('ja');
    expect(feed.self).toBe(`${ORIGIN}/ja/feed.xml`);
    expect(feed.url).toBe(`${ORIGIN}/ja/weeks/`);
    expect(feed.title).toBe('シルク・ダイジェスト');
    expect(feed.description).toBe('週ごとのまとめ');
    expect(feed.items.map((item) => item.id)).toEqual([`${ORIGIN}/ja/weeks/2025-W51`, `${ORIGIN}/ja/weeks/2025-W50`]);
    expect(feed.items.map((item) => item.url)).toEqual([`${ORIGIN}/ja/weeks/2025-W51`, `${ORIGIN}/ja/weeks/2025-W50`]);
    expect(feed.items[0]?.published?.toISOString()).toBe('2025-12-20T00:00:00.000Z');
    expect(feed.items[0]?.description).toBe('2025-W51 の要約。');
    expect(feed.items[0]?.content).toBe('<p>2025-W51 の要約。</p>');
  });

  it('writes RFC 822 dates with English names even for a Japanese feed', () => {
    const xml = buildRss(makeChannel({ lang: 'ja' }));
    expect(allMatches(xml, 'pubDate')).toEqual(['Sat, 20 Dec 2025 00:00:00 +0000', 'Sat, 13 Dec 2025 00:00:00 +0000']);
    expect(allMatches(xml, 'lastBuildDate')).toEqual(['Sun, 21 Dec 2025 09:30:00 +0000']);
    for (const date of [...allMatches(xml, 'pubDate'), ...allMatches(xml, 'lastBuildDate')]) {
      expect(date).toMatch(RFC822);
    }
    // Offsets are normalised to UTC, across a day and a year boundary.
    const shifted = buildRss(
      makeChannel({ items: [makeItem('2026-W01', { publishedAt: '2026-01-01T08:59:59+09:00' })] }),
    );
    expect(allMatches(shifted, 'pubDate')).toEqual(['Wed, 31 Dec 2025 23:59:59 +0000']);
  });

  it('marks the guid as a permalink only when it is the item link', () => {
    const xml = buildRss(
      makeChannel({
        items: [makeItem('2025-W51'), makeItem('2025-W50', { id: 'tag:digest.example,2025:ja/2025-W50' })],
      }),
    );
    expect(xml).toContain(`<guid isPermaLink="true">${ORIGIN}/ja/weeks/2025-W51</guid>`);
    expect(xml).toContain('<guid isPermaLink="false">tag:digest.example,2025:ja/2025-W50</guid>');
    expect(parseFeed(xml).items[1]?.id).toBe('tag:digest.example,2025:ja/2025-W50');
  });

  it('round-trips HTML containing "]]>" through content:encoded', () => {
    const html = '<p>Arrays like <code>a[b[0]]>1</code> and ]]> twice ]]></p>';
    const xml = buildRss(makeChannel({ items: [makeItem('2025-W51', { contentHtml: html })] }));
    expectWellFormed(xml);
    expect(xml).toContain('<![CDATA[<p>Arrays like <code>a[b[0]]]]><![CDATA[>1</code>');
    expect(parseFeed(xml).items[0]?.content).toBe(html);

    // Entities in the trusted HTML must reach the reader unchanged, as HTML.
    const escaped = '<p>AT&amp;T &lt;b&gt; ]]&gt; ]]></p>';
    const raw = xmlParser.parse(
      buildRss(makeChannel({ items: [makeItem('2025-W51', { contentHtml: escaped })] })),
    ) as RawRss;
    expect(textOf(raw.rss.channel.item?.[0]?.['content:encoded'])).toBe(escaped);
  });

  it('escapes plain-text descriptions for HTML, since readers render them as HTML', () => {
    const summary = 'Exports < 10% & "rising" — see &amp;';
    const xml = buildRss(makeChannel({ items: [makeItem('2025-W51', { summaryText: summary })] }));
    expectWellFormed(xml);
    const raw = xmlParser.parse(xml) as RawRss;
    expect(textOf(raw.rss.channel.item?.[0]?.description)).toBe('Exports &lt; 10% &amp; "rising" — see &amp;amp;');
    expect(parseFeed(xml).items[0]?.description).toBe(summary);
  });

  it('escapes quotes once only: the XML text of a description holds no entity HTML 4 lacks', () => {
    const xml = buildRss(
      makeChannel({
        description: "the week's news",
        items: [makeItem('2025-W51', { summaryText: `Tashkent's "plan"` })],
      }),
    );
    const raw = xmlParser.parse(xml) as RawRss;
    expect(textOf(raw.rss.channel.description)).toBe("the week's news");
    expect(textOf(raw.rss.channel.item?.[0]?.description)).toBe('Tashkent\'s "plan"');
    expect(xml).not.toContain('&amp;apos;');
    expect(xml).not.toContain('&amp;quot;');
  });
});

describe('topics, authors and the WebSub hub', () => {
  const categories = [
    { term: 'energy', label: 'エネルギー' },
    { term: 'trade', label: 'R&D "trade"' },
  ];
  const hub = 'https://hub.example/';
  const channel = makeChannel({ hub, items: [makeItem('2025-W51', { categories })] });

  it('RSS items carry a category per topic, and the channel names the hub', () => {
    const xml = buildRss(channel);
    expectWellFormed(xml);
    expect(xml).toContain('<category>エネルギー</category>');
    expect(xml).toContain('<category>R&amp;D &quot;trade&quot;</category>');
    expect(xml).toContain('<atom:link rel="hub" href="https://hub.example/"/>');
  });

  it('Atom entries carry an author and their topics; the feed names the hub', () => {
    const xml = buildAtom(channel);
    expectWellFormed(xml);
    const entry = xml.slice(xml.indexOf('<entry>'));
    expect(entry).toContain('<author><name>');
    expect(entry).toContain('<category term="energy" label="エネルギー"/>');
    expect(xml).toContain('<link rel="hub" href="https://hub.example/"/>');
  });

  it('JSON Feed lists the hub and the tags; without a hub no format mentions one', () => {
    const feed = JSON.parse(buildJsonFeed(channel)) as { hubs: unknown; items: { tags: string[] }[] };
    expect(feed.hubs).toEqual([{ type: 'WebSub', url: hub }]);
    expect(feed.items[0]?.tags).toEqual(['エネルギー', 'R&D "trade"']);
    const plain = makeChannel({ items: [makeItem('2025-W51')] });
    for (const body of [buildRss(plain), buildAtom(plain), buildJsonFeed(plain)]) expect(body).not.toMatch(/hub/i);
  });
});

describe('Atom 1.0', () => {
  it('declares xml:lang, links and entries as a feed reader sees them', () => {
    const xml = buildAtom(makeChannel({ lang: 'uz-Latn' }));
    expectWellFormed(xml);
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="uz-Latn">');
    expect(xml).toContain(`<link rel="self" type="application/atom+xml" href="${ORIGIN}/ja/feed.atom"/>`);
    expect(xml).toContain(`<link rel="alternate" type="text/html" href="${ORIGIN}/ja/weeks/"/>`);
    expect(xml).toContain('<summary type="text">');
    expect(xml).toContain('<content type="html">&lt;p&gt;2025-W51 の要約。&lt;/p&gt;</content>');

    const feed = parseFeed(xml);
    expect(feed.meta).toEqual({ type: 'atom', version: '1.0' });
    expect(feed.language).toBe('uz-Latn');
    expect(feed.self).toBe(`${ORIGIN}/ja/feed.atom`);
    expect(feed.url).toBe(`${ORIGIN}/ja/weeks/`);
    expect(feed.title).toBe('シルク・ダイジェスト');
    expect(feed.description).toBe('週ごとのまとめ');
    expect(feed.authors.map((author) => author.name)).toEqual(['シルク・ダイジェスト']);
    expect(feed.updated?.toISOString()).toBe('2025-12-21T09:30:00.000Z');
    expect(feed.items.map((item) => item.id)).toEqual([`${ORIGIN}/ja/weeks/2025-W51`, `${ORIGIN}/ja/weeks/2025-W50`]);
    expect(feed.items.map((item) => item.url)).toEqual([`${ORIGIN}/ja/weeks/2025-W51`, `${ORIGIN}/ja/weeks/2025-W50`]);
    expect(feed.items[0]?.published?.toISOString()).toBe('2025-12-20T00:00:00.000Z');
    expect(feed.items[0]?.updated?.toISOString()).toBe('2025-12-21T09:30:00.000Z');
    expect(feed.items[0]?.description).toBe('2025-W51 の要約。');
    expect(feed.items[0]?.content).toBe('<p>2025-W51 の要約。</p>');
  });

  it('writes RFC 3339 dates in UTC', () => {
    const xml = buildAtom(
      makeChannel({
        updatedAt: '2025-12-21T18:30:00.250+09:00',
        items: [makeItem('2025-W51', { publishedAt: '2025-12-20T05:00:00+05:00' })],
      }),
    );
    expect(allMatches(xml, 'updated')).toEqual(['2025-12-21T09:30:00.250Z', '2025-12-21T09:30:00Z']);
    expect(allMatches(xml, 'published')).toEqual(['2025-12-20T00:00:00Z']);
    for (const date of [...allMatches(xml, 'updated'), ...allMatches(xml, 'published')]) expect(date).toMatch(RFC3339);
  });

  it('round-trips escaped HTML content, including "]]>" and entities', () => {
    const html = '<p>AT&amp;T ]]> <a href="https://x.example/?a=1&amp;b=2">link</a></p>';
    const xml = buildAtom(makeChannel({ items: [makeItem('2025-W51', { contentHtml: html })] }));
    expectWellFormed(xml);
    const raw = xmlParser.parse(xml) as RawAtom;
    expect(textOf(raw.feed.entry?.[0]?.content)).toBe(html);
  });
});

describe('JSON Feed 1.1', () => {
  it('carries version, language, links and items with a fixed key order', () => {
    const json = buildJsonFeed(makeChannel({ lang: 'uz-Latn' }));
    const feed = parseJsonFeed(json);
    expect(Object.keys(feed)).toEqual([
      'version',
      'title',
      'home_page_url',
      'feed_url',
      'description',
      'language',
      'authors',
      'items',
    ]);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.language).toBe('uz-Latn');
    expect(feed.home_page_url).toBe(`${ORIGIN}/ja/weeks/`);
    expect(feed.feed_url).toBe(`${ORIGIN}/ja/feed.json`);
    expect(feed.items[0]).toEqual({
      id: `${ORIGIN}/ja/weeks/2025-W51`,
      url: `${ORIGIN}/ja/weeks/2025-W51`,
      title: '週報 2025-W51',
      summary: '2025-W51 の要約。',
      content_html: '<p>2025-W51 の要約。</p>',
      date_published: '2025-12-20T00:00:00Z',
      date_modified: '2025-12-21T09:30:00Z',
      tags: [],
    });
    expect(Object.keys(feed.items[0] ?? {})).toEqual([
      'id',
      'url',
      'title',
      'summary',
      'content_html',
      'date_published',
      'date_modified',
      'tags',
    ]);
  });
});

describe('hostile text', () => {
  const hostile = '<script>alert("x & \'y\'")</script> ]]> <![CDATA[ x ]]>';
  const forbidden = 'a\u0001b\u0008c\u000Bd\uFFFEe\uFFFFf\uD800g\uDFFFh';
  const clean = 'abcdefgh';
  const channel = makeChannel({
    title: `${hostile} ${forbidden}`,
    description: `${hostile} ${forbidden}`,
    items: [
      makeItem('2025-W51', {
        title: `${hostile} ${forbidden}`,
        summaryText: `${hostile} ${forbidden}`,
        contentHtml: `<p>${forbidden}</p> ]]> <b>ok</b>`,
      }),
    ],
  });
  const expectedText = `${hostile} ${clean}`;
  const expectedHtml = `<p>${clean}</p> ]]> <b>ok</b>`;

  it('yields well-formed RSS whose text a reader gets back', () => {
    const xml = buildRss(channel);
    expectWellFormed(xml);
    expect(xml).not.toContain('<script>');
    const feed = parseFeed(xml);
    expectText(feed.title, expectedText);
    expectText(feed.description, expectedText);
    expectText(feed.items[0]?.title, expectedText);
    expectText(feed.items[0]?.description, expectedText);
    expectText(feed.items[0]?.content, expectedHtml);
  });

  it('yields well-formed Atom whose text a reader gets back', () => {
    const xml = buildAtom(channel);
    expectWellFormed(xml);
    expect(xml).not.toContain('<script>');
    const feed = parseFeed(xml);
    expectText(feed.title, expectedText);
    expectText(feed.description, expectedText);
    expectText(feed.items[0]?.title, expectedText);
    expectText(feed.items[0]?.description, expectedText);
    expectText(feed.items[0]?.content, expectedHtml);
  });

  it('strips the same characters from JSON Feed', () => {
    const feed = parseJsonFeed(buildJsonFeed(channel));
    expectText(feed.title, expectedText);
    expectText(feed.description, expectedText);
    expectText(feed.items[0]?.title, expectedText);
    expectText(feed.items[0]?.summary, expectedText);
    expectText(feed.items[0]?.content_html, expectedHtml);
  });
});

describe('every format', () => {
  it('is deterministic', () => {
    for (const build of [buildRss, buildAtom, buildJsonFeed]) {
      expect(build(makeChannel())).toBe(build(makeChannel()));
    }
  });

  it('works with zero items', () => {
    const channel = makeChannel({ items: [], updatedAt: '1970-01-01T00:00:00.000Z' });
    const rss = buildRss(channel);
    expectWellFormed(rss);
    expect(rss).toContain('<lastBuildDate>Thu, 01 Jan 1970 00:00:00 +0000</lastBuildDate>');
    expect(parseFeed(rss).items).toEqual([]);
    const atom = buildAtom(channel);
    expectWellFormed(atom);
    expect(atom).toContain('<updated>1970-01-01T00:00:00Z</updated>');
    expect(parseFeed(atom).items).toEqual([]);
    expect(parseJsonFeed(buildJsonFeed(channel)).items).toEqual([]);
  });

  it('refuses URLs that are not absolute http(s)', () => {
    const bad = ['/ja/weeks/', '//digest.example/ja/', 'digest.example/ja/', 'javascript:alert(1)', 'ftp://x.example/'];
    const withSpace = [' https://digest.example/', 'https://digest.example/a\nb', 'https://digest.example/\u0001'];
    for (const url of [...bad, ...withSpace]) {
      for (const build of [buildRss, buildAtom, buildJsonFeed]) {
        expect(() => build(makeChannel({ homeUrl: url }))).toThrow(TypeError);
        expect(() => build(makeChannel({ urls: { ...makeChannel().urls, rss: url } }))).toThrow(TypeError);
        expect(() => build(makeChannel({ items: [makeItem('2025-W51', { url })] }))).toThrow(TypeError);
      }
    }
    expect(() => buildAtom(makeChannel({ items: [makeItem('2025-W51', { id: '2025-W51' })] }))).toThrow(TypeError);
  });

  it('refuses dates that are not ISO 8601 instants', () => {
    const bad = ['2025-12-20', '2025-12-20T00:00:00', 'Sat, 20 Dec 2025 00:00:00 GMT', '2025-02-30T00:00:00Z', ''];
    for (const date of bad) {
      expect(() => buildRss(makeChannel({ updatedAt: date }))).toThrow(RangeError);
      expect(() => buildAtom(makeChannel({ items: [makeItem('2025-W51', { publishedAt: date })] }))).toThrow(
        RangeError,
      );
    }
    expect(() => buildJsonFeed(makeChannel({ lang: 'ja" onload="x' }))).toThrow(RangeError);
  });
});

describe('helpers', () => {
  it('escapeXml escapes markup and nothing else', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a> ]]>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt; ]]&gt;',
    );
    expect(escapeXml('東京 ✓ \u{1F600}')).toBe('東京 ✓ \u{1F600}');
  });

  it('stripInvalidXmlChars keeps tab, newlines, astral characters and surrogate pairs', () => {
    expectText(stripInvalidXmlChars('\u0000a\tb\nc\rd\u001Fe\uFFFEf\uFFFF'), 'a\tb\nc\rdef');
    expectText(stripInvalidXmlChars('\u{1F600}\uD800x\uDC00'), '\u{1F600}x');
    expectText(stripInvalidXmlChars('\u0085\uFFFD\u{10FFFF}'), '\u0085\uFFFD\u{10FFFF}');
  });

  it('names the content types', () => {
    expect(FEED_CONTENT_TYPES).toEqual({
      rss: 'application/rss+xml; charset=utf-8',
      atom: 'application/atom+xml; charset=utf-8',
      json: 'application/feed+json; charset=utf-8',
    });
  });
});

describe('arbitrary text', () => {
  // Any code point, lone surrogate halves, C0 controls and the sequences most likely to break XML.
  const unit = fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
    fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
    fc.constantFrom(']]>', ']]', '<![CDATA[', '<', '>', '&', '&amp;', '"', "'", '\uFFFE', '\uFFFF', '\r\n', '--'),
  );
  const text = fc.string({ unit, maxLength: 40 });

  it('always gives well-formed XML and valid JSON that carry the text back', () => {
    fc.assert(
      fc.property(text, text, text, (title, summary, content) => {
        const channel = makeChannel({
          title,
          description: summary,
          items: [makeItem('2025-W51', { title, summaryText: summary, contentHtml: content })],
        });
        const strip = (value: string): string => normalizeNewlines(stripInvalidXmlChars(value));

        const rss = buildRss(channel);
        expectWellFormed(rss);
        const rawRss = xmlParser.parse(rss) as RawRss;
        const rssItem = rawRss.rss.channel.item?.[0];
        expectText(normalizeNewlines(textOf(rawRss.rss.channel.title)), strip(title));
        expectText(normalizeNewlines(textOf(rssItem?.title)), strip(title));
        expectText(normalizeNewlines(textOf(rssItem?.description)), strip(escapeHtmlText(summary)));
        expectText(normalizeNewlines(textOf(rssItem?.['content:encoded'])), strip(content));

        const atom = buildAtom(channel);
        expectWellFormed(atom);
        const rawAtom = xmlParser.parse(atom) as RawAtom;
        const entry = rawAtom.feed.entry?.[0];
        expectText(normalizeNewlines(textOf(rawAtom.feed.subtitle)), strip(summary));
        expectText(normalizeNewlines(textOf(entry?.title)), strip(title));
        expectText(normalizeNewlines(textOf(entry?.summary)), strip(summary));
        expectText(normalizeNewlines(textOf(entry?.content)), strip(content));

        const json = parseJsonFeed(buildJsonFeed(channel));
        expectText(json.title, stripInvalidXmlChars(title));
        expectText(json.items[0]?.summary, stripInvalidXmlChars(summary));
        expectText(json.items[0]?.content_html, stripInvalidXmlChars(content));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('structure for arbitrary text', () => {
  // Same alphabet as above: anything a document may hold, and the sequences most likely to break XML.
  const unit = fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
    fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
    fc.constantFrom(']]>', '<', '&', '"', '<item>', '</channel>', '<entry>', '\uFFFE'),
  );
  const text = fc.string({ unit, maxLength: 24 });
  const itemText = fc.record({ title: text, summary: text, content: text });
  const structureParser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (name) => ['item', 'entry', 'link', 'atom:link'].includes(name),
  });

  const isAbsolute = (url: unknown): boolean => {
    if (typeof url !== 'string') return false;
    try {
      return ['http:', 'https:'].includes(new URL(url).protocol) && new URL(url).href === url;
    } catch {
      return false;
    }
  };
  /** An element's text, whether fast-xml-parser gave a string or an object with attributes. */
  const textOrCdata = (value: unknown): string => {
    const inner = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['#text'] : value;
    return typeof inner === 'string' ? inner : '';
  };

  it('always has the required elements, absolute links and unique ids in RSS, Atom and JSON Feed', () => {
    fc.assert(
      fc.property(text, text, fc.array(itemText, { maxLength: 5 }), (title, description, texts) => {
        const items = texts.map((value, index) =>
          makeItem(`2025-W${String(50 - index).padStart(2, '0')}`, {
            title: value.title,
            summaryText: value.summary,
            contentHtml: value.content,
          }),
        );
        const channel = makeChannel({ title, description, items });

        const rss = buildRss(channel);
        expectWellFormed(rss);
        const rssDoc = structureParser.parse(rss) as {
          rss: { '@_version': string; channel: Record<string, unknown> & { item?: Record<string, unknown>[] } };
        };
        expect(rssDoc.rss['@_version']).toBe('2.0');
        const rssChannel = rssDoc.rss.channel;
        for (const element of ['title', 'link', 'description', 'language'])
          expect(rssChannel, element).toHaveProperty(element);
        expect(isAbsolute(textOrCdata((rssChannel.link as unknown[])[0]))).toBe(true);
        const selfLink = (rssChannel['atom:link'] as Record<string, string>[])[0];
        expect(selfLink?.['@_rel']).toBe('self');
        expect(isAbsolute(selfLink?.['@_href'])).toBe(true);
        const rssItems = rssChannel.item ?? [];
        expect(rssItems).toHaveLength(items.length);
        const guids = rssItems.map((item) => textOrCdata(item.guid));
        expect(new Set(guids).size).toBe(items.length);
        for (const item of rssItems) {
          for (const element of ['title', 'link', 'guid', 'pubDate', 'description'])
            expect(item, element).toHaveProperty(element);
          expect(isAbsolute(textOrCdata((item.link as unknown[])[0]))).toBe(true);
          expect(RFC822.test(textOrCdata(item.pubDate))).toBe(true);
        }

        const atom = buildAtom(channel);
        expectWellFormed(atom);
        const feed = (
          structureParser.parse(atom) as { feed: Record<string, unknown> & { entry?: Record<string, unknown>[] } }
        ).feed;
        expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
        for (const element of ['id', 'title', 'updated', 'author']) expect(feed, element).toHaveProperty(element);
        expect(isAbsolute(textOrCdata(feed.id))).toBe(true);
        const feedLinks = feed.link as Record<string, string>[];
        expect(feedLinks.some((link) => link['@_rel'] === 'self' && isAbsolute(link['@_href']))).toBe(true);
        const entries = feed.entry ?? [];
        expect(entries).toHaveLength(items.length);
        const ids = entries.map((entry) => textOrCdata(entry.id));
        expect(new Set(ids).size).toBe(items.length);
        for (const entry of entries) {
          for (const element of ['id', 'title', 'updated', 'link']) expect(entry, element).toHaveProperty(element);
          expect(isAbsolute(textOrCdata(entry.id))).toBe(true);
          expect((entry.link as Record<string, string>[]).every((link) => isAbsolute(link['@_href']))).toBe(true);
          expect(RFC3339.test(textOrCdata(entry.updated))).toBe(true);
        }

        const json = JSON.parse(buildJsonFeed(channel)) as JsonFeed;
        expect(json.version).toBe('https://jsonfeed.org/version/1.1');
        expect(isAbsolute(json.feed_url) && isAbsolute(json.home_page_url)).toBe(true);
        expect(new Set(json.items.map((item) => item.id)).size).toBe(items.length);
        for (const item of json.items) expect(isAbsolute(item.url)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  }, 15_000);
});
