import { describe, expect, it } from 'vitest';
import { chooseCharset, decodeText } from '../src/workflows/ingestion/decode-charset.ts';
import { extractArticle, stripSiteName } from '../src/workflows/ingestion/extract-article.ts';
import { FeedParseError, parseFeedText } from '../src/workflows/ingestion/parse-feed.ts';
import { isAboutUzbekistanAndJapan } from '../src/workflows/ingestion/relevance.ts';
import { convertUzbekCyrillicToLatin, isMostlyCyrillic } from '../src/workflows/ingestion/uzbek-cyrillic.ts';
import { encodeJapanese, encodeWindows1251 } from './helpers/legacy-encodings.ts';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Daryo</title><link>https://daryo.uz/</link><ttl>90</ttl>
<item><title>Mirziyoyev meets Takaichi</title><link>https://daryo.uz/en/2025/12/20/a?utm_source=rss</link>
<guid isPermaLink="false">daryo-1001</guid><pubDate>Sat, 20 Dec 2025 10:00:00 GMT</pubDate>
<description>Short lead</description>
<content:encoded><![CDATA[<p>First paragraph.</p><p>Second paragraph.</p>]]></content:encoded></item>
<item><title>Second</title><link>https://daryo.uz/en/b</link><pubDate>Fri, 19 Dec 2025 10:00:00 GMT</pubDate><description>Only a lead</description></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>MOFA</title><id>urn:mofa</id><updated>2025-12-20T00:00:00Z</updated>
<entry><id>urn:mofa:1</id><title>Japan-Uzbekistan Summit</title><link rel="alternate" href="https://www.mofa.go.jp/a.html"/>
<updated>2025-12-21T08:00:00Z</updated><summary>Summary</summary></entry>
<entry><id>urn:mofa:2</id><title>Published wins</title><link href="https://www.mofa.go.jp/b.html"/>
<published>2025-12-19T08:00:00Z</published><updated>2025-12-22T08:00:00Z</updated></entry>
</feed>`;

const RDF = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://www.jica.go.jp/"><title>JICA</title><link>https://www.jica.go.jp/</link></channel>
<item rdf:about="https://www.jica.go.jp/press/1.html"><title>JICA loan to Uzbekistan</title><link>https://www.jica.go.jp/press/1.html</link>
<dc:date>2025-12-18T09:00:00+09:00</dc:date></item>
</rdf:RDF>`;

const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Kun.uz',
  items: [
    {
      id: 'kun-77',
      url: 'https://kun.uz/en/news/77',
      title: 'Uzbekistan and Japan',
      content_html: '<p>Text</p>',
      date_published: '2025-12-20T05:00:00+05:00',
      image: 'https://kun.uz/i.jpg',
      authors: [{ name: 'Kun.uz' }],
    },
  ],
});

describe('feed parsing', () => {
  it('reads RSS 2.0 with its ttl, GUIDs and content:encoded', () => {
    const feed = parseFeedText(RSS);
    expect(feed.format).toBe('rss');
    expect(feed.ttlMinutes).toBe(90);
    expect(feed.entries).toHaveLength(2);
    expect(feed.entries[0]).toMatchObject({
      guid: 'daryo-1001',
      url: 'https://daryo.uz/en/2025/12/20/a?utm_source=rss',
      title: 'Mirziyoyev meets Takaichi',
      publishedAt: '2025-12-20T10:00:00.000Z',
    });
    expect(feed.entries[0]?.contentHtml).toContain('<p>Second paragraph.</p>');
    // Without content:encoded there is no full text: the lead alone must not pass for it.
    expect(feed.entries[1]?.contentHtml).toBeNull();
  });

  it('reads Atom 1.0, falling back from published to updated', () => {
    const feed = parseFeedText(ATOM);
    expect(feed.format).toBe('atom');
    expect(feed.entries.map((entry) => [entry.guid, entry.url, entry.publishedAt])).toEqual([
      ['urn:mofa:1', 'https://www.mofa.go.jp/a.html', '2025-12-21T08:00:00.000Z'],
      ['urn:mofa:2', 'https://www.mofa.go.jp/b.html', '2025-12-19T08:00:00.000Z'],
    ]);
  });

  it('reads RDF / RSS 1.0', () => {
    const feed = parseFeedText(RDF);
    expect(feed.entries).toHaveLength(1);
    expect(feed.entries[0]).toMatchObject({
      url: 'https://www.jica.go.jp/press/1.html',
      title: 'JICA loan to Uzbekistan',
      publishedAt: '2025-12-18T00:00:00.000Z',
    });
  });

  it('reads JSON Feed 1.1', () => {
    const feed = parseFeedText(JSON_FEED);
    expect(feed.format).toBe('json');
    expect(feed.entries[0]).toEqual({
      guid: 'kun-77',
      url: 'https://kun.uz/en/news/77',
      title: 'Uzbekistan and Japan',
      summary: null,
      contentHtml: '<p>Text</p>',
      publishedAt: '2025-12-20T00:00:00.000Z',
      imageUrl: 'https://kun.uz/i.jpg',
      author: 'Kun.uz',
    });
  });

  it('refuses broken XML, HTML pages and foreign JSON with a FeedParseError', () => {
    expect(() => parseFeedText('<rss><channel><item><title>cut off')).toThrow(FeedParseError);
    expect(() => parseFeedText('<!doctype html><html><body><p>Not a feed</p></body></html>')).toThrow(FeedParseError);
    expect(() => parseFeedText('{"items": []}')).toThrow(FeedParseError);
    expect(() => parseFeedText('{"version": "https://jsonfeed.org/version/1.1", ')).toThrow(FeedParseError);
  });
});

describe('charset decoding', () => {
  const page = (charset: string, body: string) =>
    `<!doctype html><html><head><meta charset="${charset}"><title>t</title></head><body><p>${body}</p></body></html>`;

  it('decodes a Shift_JIS page by its <meta charset>', () => {
    const bytes = encodeJapanese(page('Shift_JIS', 'ウズベキスタンと日本の'), 'shift_jis');
    expect(chooseCharset(bytes, 'text/html')).toBe('shift_jis');
    expect(decodeText(bytes, 'text/html')).toContain('ウズベキスタンと日本の');
  });

  it('decodes EUC-JP by the HTTP charset, which wins over the page', () => {
    const bytes = encodeJapanese(page('utf-8', 'ウズベキスタンと日本'), 'euc-jp');
    expect(decodeText(bytes, 'text/html; charset=EUC-JP')).toContain('ウズベキスタンと日本');
  });

  it('decodes a windows-1251 feed by its XML declaration', () => {
    const xml = `<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Газета</title><item><title>Узбекистан и Япония</title><link>https://example.com/1</link></item></channel></rss>`;
    const text = decodeText(encodeWindows1251(xml), 'application/rss+xml');
    expect(parseFeedText(text).entries[0]?.title).toBe('Узбекистан и Япония');
  });

  it('falls back to UTF-8 for an unknown label, and honours a UTF-8 byte order mark', () => {
    const utf8 = new TextEncoder().encode('Oʻzbekiston');
    expect(decodeText(utf8, 'text/html; charset=x-unknown')).toBe('Oʻzbekiston');
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    expect(decodeText(withBom, 'text/html; charset=windows-1251')).toBe('Oʻzbekiston');
  });
});

const NEWS_PAGE = `<!doctype html><html><head>
<title>Uzbekistan and Japan sign $12bn portfolio | AnewZ</title>
<meta property="og:site_name" content="AnewZ">
<meta property="og:title" content="Uzbekistan and Japan sign $12bn portfolio | AnewZ">
<meta property="og:image" content="/images/lead.jpg">
<meta property="article:published_time" content="2025-12-20T12:00:00+05:00">
<meta name="author" content="AnewZ desk">
<link rel="canonical" href="https://anewz.tv/news/16588">
</head><body>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li></ul><p>Menu text that is long enough to matter in any density count at all</p></nav></header>
<div id="cookie-banner"><p>We use cookies to improve your experience. Accept all cookies or manage your settings here.</p></div>
<div class="layout"><main><article class="story">
<h1>Uzbekistan and Japan sign $12bn portfolio</h1>
<figure><img src="/images/lead.jpg"><figcaption>Photo: Press service</figcaption></figure>
<p>Uzbekistan and Japan have signed agreements worth &#36;12 billion, the presidents&#8217; offices said.</p>
<h2>Green energy</h2>
<p>The portfolio covers energy, transport &amp; healthcare projects across the country.</p>
<div class="share-buttons"><p>Share on Facebook</p></div>
<p>Talks were held in Tokyo on Saturday.</p>
</article>
<aside class="related-news"><h3>Related news</h3><p>Another long story about something else entirely that should not be included in the article body.</p></aside>
</main></div>
<section class="comments"><p>Great news! I hope this helps our economy grow faster than anything before.</p></section>
<footer><p>© 2025 AnewZ. All rights reserved. Copyright notice and contacts of the editorial board.</p></footer>
</body></html>`;

describe('article extraction (HTMLRewriter)', () => {
  it('keeps the article text, subheadings and metadata and drops the page furniture', async () => {
    const article = await extractArticle(NEWS_PAGE, 'https://anewz.tv/region/16588?utm_source=rss');
    expect(article.method).toBe('container');
    expect(article.headline).toBe('Uzbekistan and Japan sign $12bn portfolio');
    expect(article.blocks).toEqual([
      {
        kind: 'p',
        text: 'Uzbekistan and Japan have signed agreements worth $12 billion, the presidents’ offices said.',
      },
      { kind: 'h', text: 'Green energy' },
      { kind: 'p', text: 'The portfolio covers energy, transport & healthcare projects across the country.' },
      { kind: 'p', text: 'Talks were held in Tokyo on Saturday.' },
    ]);
    expect(article).toMatchObject({
      publishedAt: '2025-12-20T07:00:00.000Z',
      canonicalUrl: 'https://anewz.tv/news/16588',
      author: 'AnewZ desk',
      imageUrl: 'https://anewz.tv/images/lead.jpg',
      imageCredit: 'Photo: Press service',
    });
  });

  it('finds the densest block on a page without <article>', async () => {
    const html = `<html><body><div class="menu"><p>Home News Sport Weather and everything else on the menu today</p></div>
      <div class="wrap"><div class="content"><p>${'Uzbek and Japanese ministers met. '.repeat(5)}</p><p>${'They agreed on more flights. '.repeat(5)}</p></div>
      <div class="box"><p>Short unrelated box.</p></div></div></body></html>`;
    const article = await extractArticle(html, 'https://example.uz/a');
    expect(article.blocks.map((block) => block.text.slice(0, 20))).toEqual([
      'Uzbek and Japanese m',
      'They agreed on more ',
    ]);
  });

  it('prefers JSON-LD NewsArticle articleBody, with its headline, date, author and image credit', async () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Gazeta' },
        {
          '@type': 'NewsArticle',
          headline: 'Japan opens a JICA office in Samarkand',
          datePublished: '2025-12-18T09:00:00Z',
          author: [{ '@type': 'Person', name: 'A. Karimov' }],
          image: { '@type': 'ImageObject', url: 'https://gazeta.uz/i.jpg', creditText: 'JICA' },
          articleBody: 'First paragraph.\n\nSecond paragraph.\nThird.',
        },
      ],
    };
    const html = `<html><head><script type="application/ld+json">${JSON.stringify(ld)}</script><title>Other | Gazeta</title></head><body><p>Markup text</p></body></html>`;
    const article = await extractArticle(html, 'https://gazeta.uz/a');
    expect(article).toMatchObject({
      method: 'json-ld',
      headline: 'Japan opens a JICA office in Samarkand',
      publishedAt: '2025-12-18T09:00:00.000Z',
      author: 'A. Karimov',
      imageUrl: 'https://gazeta.uz/i.jpg',
      imageCredit: 'JICA',
    });
    expect(article.blocks.map((block) => block.text)).toEqual(['First paragraph.', 'Second paragraph.', 'Third.']);
  });

  it('cleans the site name from titles', () => {
    expect(stripSiteName('Japan and Uzbekistan - Kun.uz', 'Kun.uz')).toBe('Japan and Uzbekistan');
    expect(stripSiteName('Kun.uz | Japan and Uzbekistan', 'Kun.uz')).toBe('Japan and Uzbekistan');
    expect(stripSiteName('Japan and Uzbekistan hold talks | Daryo News', null)).toBe('Japan and Uzbekistan hold talks');
    expect(stripSiteName('Uzbekistan-Japan: Exploring Bilateral Cooperation', null)).toBe(
      'Uzbekistan-Japan: Exploring Bilateral Cooperation',
    );
  });
});

describe('the relevance rule', () => {
  const about = (headline: string, text = '') => isAboutUzbekistanAndJapan({ headline, paragraphs: [text] });

  it('keeps items naming both countries, their cities, leaders or institutions, in every language', () => {
    expect(about('Mirziyoyev and Takaichi hold talks in Tokyo')).toBe(true);
    expect(about('Uzbekistan’s exports grow', 'Most of the new orders come from Japanese firms.')).toBe(true);
    expect(about('JICA to fund Samarkand water project')).toBe(true);
    expect(about('Oʻzbekiston va Yaponiya tashqi ishlar vazirliklari maslahatlashuvlari')).toBe(true);
    expect(about("O'zbekiston Prezidenti Tokioda", '')).toBe(true);
    expect(about('Ўзбекистон ва Япония ўртасида 12 миллиард долларлик келишувлар')).toBe(true);
    expect(about('Узбекистан и Япония подписали соглашения на $12 млрд')).toBe(true);
    expect(about('Президент Узбекистана прибыл в Токио')).toBe(true);
    expect(about('日・ウズベキスタン首脳会談', '高市総理大臣はミルジヨーエフ大統領と会談した。')).toBe(true);
    expect(about('ウズベキスタン大統領が来日')).toBe(true);
  });

  it('drops items about only one of them, or neither', () => {
    expect(about('Uzbekistan and Kazakhstan agree on water sharing')).toBe(false);
    expect(about('Japan’s central bank raises rates')).toBe(false);
    expect(about('Toshkentda yangi metro bekati ochildi')).toBe(false);
    expect(about('日本銀行が利上げ')).toBe(false);
    expect(about('Узбекистан и Казахстан договорились')).toBe(false);
    // "Japan" inside another word is not a mention.
    expect(about('Uzbekistan joins the Nipponjapanese festival')).toBe(false);
  });

  it('lets a source marked always relevant through', () => {
    expect(
      isAboutUzbekistanAndJapan({
        headline: 'Reception for the Emperor’s birthday',
        paragraphs: [],
        alwaysRelevant: true,
      }),
    ).toBe(true);
  });
});

describe('Uzbek Cyrillic items', () => {
  it('are converted to Latin word by word, keeping capitalisation', () => {
    expect(convertUzbekCyrillicToLatin('ЖИКА Тошкентда янги лойиҳа бошлади.')).toBe(
      'JIKA Toshkentda yangi loyiha boshladi.',
    );
    expect(convertUzbekCyrillicToLatin('Ўзбекистон ва Япония: маълумот, 2025 йил')).toBe(
      'Oʻzbekiston va Yaponiya: maʼlumot, 2025 yil',
    );
    expect(isMostlyCyrillic('Ўзбекистон ва Япония (JICA)')).toBe(true);
    expect(isMostlyCyrillic('Oʻzbekiston va Yaponiya')).toBe(false);
  });
});
