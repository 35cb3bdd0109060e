/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 for one edition, as plain strings.
 *
 * Kept free of HTTP and rendering concerns so the same bytes come out of the same data:
 * no clock, no locale-dependent formatting, no iteration over unordered structures. Feed
 * readers cache by ETag and dedupe by id, so any drift would show up as phantom updates.
 */

export interface FeedItem {
  /** Stable per week and language; RSS guid, Atom id and JSON Feed id. Must be an absolute IRI. */
  id: string;
  /** Absolute URL of the week page. */
  url: string;
  title: string;
  /** Plain text. */
  summaryText: string;
  /** Trusted HTML fragment produced by our renderer; embedded, never re-escaped for display. */
  contentHtml: string;
  /** ISO 8601 instant when the week was first published. */
  publishedAt: string;
  /** ISO 8601 instant of the last rebuild that changed the item's content. */
  updatedAt: string;
  /** The item's topics: `term` a stable id, `label` its name in the feed's language. */
  categories: readonly { term: string; label: string }[];
}

export interface FeedChannel {
  /** BCP 47 tag, e.g. "en", "uz-Latn", "ja". */
  lang: string;
  title: string;
  description: string;
  homeUrl: string;
  /** Absolute URLs of the three feeds, used as self links. */
  urls: { rss: string; atom: string; json: string };
  /** ISO 8601 instant: the newest item update, or a fixed epoch when there are no items. */
  updatedAt: string;
  /** A WebSub hub (absolute URL) that subscribers may use instead of polling, when one is configured. */
  hub?: string | undefined;
  /** Newest first; the order is kept as given. */
  items: FeedItem[];
}

export const FEED_CONTENT_TYPES: { rss: string; atom: string; json: string } = Object.freeze({
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
});

const GENERATOR = 'Silk Digest';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const ATOM_NS = 'http://www.w3.org/2005/Atom';
const CONTENT_NS = 'http://purl.org/rss/1.0/modules/content/';
const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/*
 * Everything outside XML 1.0's Char production: C0 controls other than tab, LF and CR,
 * unpaired surrogates (with the u flag a surrogate range only matches halves that are not
 * part of a pair) and the non-characters U+FFFE and U+FFFF. Escaping cannot help with
 * these — even &#1; is ill-formed in XML 1.0 — so they can only be dropped.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu;

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Removes the characters XML 1.0 cannot carry at all; other text is left untouched. */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(INVALID_XML_CHARS, '');
}

/**
 * Escapes markup characters so the text is safe in element content and in attribute values
 * of either quote style. ">" is escaped too so that "]]>" can never appear in character data.
 * It does not strip invalid characters; the builders call stripInvalidXmlChars first.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ESCAPES[char] ?? char);
}

/** Text for XML: first drop what XML cannot hold, then escape what it would misread. */
function xmlText(text: string): string {
  return escapeXml(stripInvalidXmlChars(text));
}

/**
 * Readers render an RSS <description> as HTML whatever it holds, so plain text is escaped for
 * HTML before it is escaped for XML: "a < b & c" must show as itself, not as a broken tag.
 * Only &, < and > are escaped for HTML: quotes mean nothing in HTML text, and `&apos;` is not
 * an HTML 4 entity, so a reader that decodes HTML 4 entities (Python's feedparser) would show
 * "week&apos;s" where the text says "week's".
 */
export function escapeHtmlText(text: string): string {
  return text.replace(/[&<>]/g, (char) => XML_ESCAPES[char] ?? char);
}

/**
 * HTML in a CDATA section. A CDATA section ends at the first "]]>", so each one is split
 * across two sections: "]]" closes the first, ">" opens the next, and readers concatenate them.
 */
function cdata(html: string): string {
  return `<![CDATA[${stripInvalidXmlChars(html).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/*
 * The guard is deliberately stricter than the URL parser: new URL() silently drops tabs,
 * newlines and surrounding spaces, which would make the emitted string differ from the URL
 * that was checked.
 */
// eslint-disable-next-line no-control-regex -- rejecting control characters is the point
const ABSOLUTE_HTTP_URL = /^https?:\/\/[^\s\u0000-\u001F\u007F]+$/i;

function assertAbsoluteUrl(value: string, field: string): string {
  let parsed: URL | undefined;
  if (ABSOLUTE_HTTP_URL.test(value) && stripInvalidXmlChars(value) === value) {
    try {
      parsed = new URL(value);
    } catch {
      parsed = undefined;
    }
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') {
    throw new TypeError(`${field} must be an absolute http(s) URL: ${JSON.stringify(value)}`);
  }
  return value;
}

// Atom requires ids to be absolute IRIs (RFC 4287 §4.2.6), e.g. https:, tag: or urn: ones.
// eslint-disable-next-line no-control-regex -- rejecting control characters is the point
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s\u0000-\u001F\u007F]+$/;

function assertId(value: string, field: string): string {
  if (!ABSOLUTE_IRI.test(value) || stripInvalidXmlChars(value) !== value) {
    throw new TypeError(`${field} must be an absolute IRI: ${JSON.stringify(value)}`);
  }
  return value;
}

// Shape of a BCP 47 tag (subtags of 1–8 alphanumerics); full registry validation is not needed here.
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;

function assertLanguageTag(value: string): string {
  if (!LANGUAGE_TAG.test(value)) throw new RangeError(`not a BCP 47 language tag: ${JSON.stringify(value)}`);
  return value;
}

/*
 * RFC 3339 date-times only. Date.parse is not used because it accepts many other shapes,
 * reads offset-less times as local time and rolls 2025-02-30 over into March.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/i;

function parseInstant(value: string, field: string): Date {
  const match = INSTANT.exec(value);
  const part = (index: number): number => Number(match?.[index] ?? 0);
  const [year, month, day, hour, minute, second] = [part(1), part(2), part(3), part(4), part(5), part(6)];
  const offsetMinutes = (match?.[9] === '-' ? -1 : 1) * (part(10) * 60 + part(11));
  let valid = match !== null && month >= 1 && month <= 12 && hour <= 23 && minute <= 59 && second <= 59;
  valid &&= part(10) <= 23 && part(11) <= 59;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  // A day past the end of the month rolls over; catching that rejects 2025-02-30.
  valid &&= date.getUTCDate() === day;
  const millis = Number((match?.[7] ?? '').padEnd(3, '0').slice(0, 3));
  date.setUTCHours(hour, minute, second, millis);
  const instant = new Date(date.getTime() - offsetMinutes * 60_000);
  // Both output formats need a four-digit year.
  valid &&= instant.getUTCFullYear() >= 0 && instant.getUTCFullYear() <= 9999;
  if (!valid) throw new RangeError(`${field} is not an ISO 8601 instant: ${JSON.stringify(value)}`);
  return instant;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** RFC 3339 in UTC; milliseconds only when there are some, so whole-second instants stay short. */
function formatRfc3339(date: Date): string {
  const base =
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const millis = date.getUTCMilliseconds();
  return millis === 0 ? `${base}Z` : `${base}.${pad(millis, 3)}Z`;
}

// RFC 822 names are English tokens, not localised text, whatever the feed's language.
const RFC822_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const RFC822_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "Sat, 20 Dec 2025 00:00:00 +0000", with a four-digit year as RSS 2.0 recommends. */
function formatRfc822(date: Date): string {
  const day = RFC822_DAYS[date.getUTCDay()] ?? '';
  const month = RFC822_MONTHS[date.getUTCMonth()] ?? '';
  return (
    `${day}, ${pad(date.getUTCDate())} ${month} ${pad(date.getUTCFullYear(), 4)} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

interface CheckedItem {
  id: string;
  url: string;
  title: string;
  summaryText: string;
  contentHtml: string;
  published: Date;
  updated: Date;
  categories: readonly { term: string; label: string }[];
}

interface CheckedChannel {
  lang: string;
  title: string;
  description: string;
  homeUrl: string;
  urls: { rss: string; atom: string; json: string };
  updated: Date;
  hub: string | undefined;
  items: CheckedItem[];
}

/** Validates everything up front, so a bad value throws instead of producing half a feed. */
function checkChannel(channel: FeedChannel): CheckedChannel {
  return {
    lang: assertLanguageTag(channel.lang),
    title: channel.title,
    description: channel.description,
    homeUrl: assertAbsoluteUrl(channel.homeUrl, 'channel.homeUrl'),
    urls: {
      rss: assertAbsoluteUrl(channel.urls.rss, 'channel.urls.rss'),
      atom: assertAbsoluteUrl(channel.urls.atom, 'channel.urls.atom'),
      json: assertAbsoluteUrl(channel.urls.json, 'channel.urls.json'),
    },
    updated: parseInstant(channel.updatedAt, 'channel.updatedAt'),
    hub: channel.hub === undefined ? undefined : assertAbsoluteUrl(channel.hub, 'channel.hub'),
    items: channel.items.map((item, index) => ({
      id: assertId(item.id, `items[${index}].id`),
      url: assertAbsoluteUrl(item.url, `items[${index}].url`),
      title: item.title,
      summaryText: item.summaryText,
      contentHtml: item.contentHtml,
      published: parseInstant(item.publishedAt, `items[${index}].publishedAt`),
      updated: parseInstant(item.updatedAt, `items[${index}].updatedAt`),
      categories: item.categories,
    })),
  };
}

export function buildRss(channel: FeedChannel): string {
  const feed = checkChannel(channel);
  const lines = [
    XML_DECLARATION,
    `<rss version="2.0" xmlns:atom="${ATOM_NS}" xmlns:content="${CONTENT_NS}">`,
    '  <channel>',
    `    <title>${xmlText(feed.title)}</title>`,
    `    <link>${xmlText(feed.homeUrl)}</link>`,
    `    <description>${xmlText(escapeHtmlText(feed.description))}</description>`,
    `    <language>${xmlText(feed.lang)}</language>`,
    `    <atom:link rel="self" type="application/rss+xml" href="${xmlText(feed.urls.rss)}"/>`,
    ...(feed.hub ? [`    <atom:link rel="hub" href="${xmlText(feed.hub)}"/>`] : []),
    `    <lastBuildDate>${formatRfc822(feed.updated)}</lastBuildDate>`,
    `    <generator>${GENERATOR}</generator>`,
  ];
  for (const item of feed.items) {
    // RSS treats a guid as a permalink unless told otherwise, so say "false" whenever it is not the link.
    const isPermaLink = item.id === item.url ? 'true' : 'false';
    lines.push(
      '    <item>',
      `      <title>${xmlText(item.title)}</title>`,
      `      <link>${xmlText(item.url)}</link>`,
      `      <guid isPermaLink="${isPermaLink}">${xmlText(item.id)}</guid>`,
      `      <pubDate>${formatRfc822(item.published)}</pubDate>`,
      `      <description>${xmlText(escapeHtmlText(item.summaryText))}</description>`,
      ...item.categories.map((category) => `      <category>${xmlText(category.label)}</category>`),
      `      <content:encoded>${cdata(item.contentHtml)}</content:encoded>`,
      '    </item>',
    );
  }
  lines.push('  </channel>', '</rss>', '');
  return lines.join('\n');
}

export function buildAtom(channel: FeedChannel): string {
  const feed = checkChannel(channel);
  const lines = [
    XML_DECLARATION,
    `<feed xmlns="${ATOM_NS}" xml:lang="${xmlText(feed.lang)}">`,
    // The self URL is unique per edition even when several editions share a home page.
    `  <id>${xmlText(feed.urls.atom)}</id>`,
    `  <title>${xmlText(feed.title)}</title>`,
    `  <subtitle>${xmlText(feed.description)}</subtitle>`,
    `  <updated>${formatRfc3339(feed.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feed.urls.atom)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(feed.homeUrl)}"/>`,
    ...(feed.hub ? [`  <link rel="hub" href="${xmlText(feed.hub)}"/>`] : []),
    // Atom requires an author on the feed or on every entry; the digest itself is the author.
    `  <author><name>${xmlText(feed.title)}</name></author>`,
    `  <generator>${GENERATOR}</generator>`,
  ];
  for (const item of feed.items) {
    lines.push(
      '  <entry>',
      `    <id>${xmlText(item.id)}</id>`,
      `    <title>${xmlText(item.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(item.url)}"/>`,
      `    <published>${formatRfc3339(item.published)}</published>`,
      `    <updated>${formatRfc3339(item.updated)}</updated>`,
      // Each entry names its author too: aggregators that lift an entry out of its feed keep it.
      `    <author><name>${xmlText(feed.title)}</name></author>`,
      ...item.categories.map(
        (category) => `    <category term="${xmlText(category.term)}" label="${xmlText(category.label)}"/>`,
      ),
      `    <summary type="text">${xmlText(item.summaryText)}</summary>`,
      `    <content type="html">${xmlText(item.contentHtml)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

export function buildJsonFeed(channel: FeedChannel): string {
  const feed = checkChannel(channel);
  // Object literals fix the key order; the same characters are stripped as in XML so that
  // all three formats carry the same text.
  const document = {
    version: JSON_FEED_VERSION,
    title: stripInvalidXmlChars(feed.title),
    home_page_url: feed.homeUrl,
    feed_url: feed.urls.json,
    description: stripInvalidXmlChars(feed.description),
    language: feed.lang,
    ...(feed.hub ? { hubs: [{ type: 'WebSub', url: feed.hub }] } : {}),
    authors: [{ name: stripInvalidXmlChars(feed.title) }],
    items: feed.items.map((item) => ({
      id: item.id,
      url: item.url,
      title: stripInvalidXmlChars(item.title),
      summary: stripInvalidXmlChars(item.summaryText),
      content_html: stripInvalidXmlChars(item.contentHtml),
      date_published: formatRfc3339(item.published),
      date_modified: formatRfc3339(item.updated),
      tags: item.categories.map((category) => stripInvalidXmlChars(category.label)),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
