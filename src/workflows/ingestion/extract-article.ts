/**
 * An article page to clean text, streamed through workerd's native `HTMLRewriter` (no DOM is
 * built, so a 3 MiB page costs one pass). What is kept, in order of trust:
 * 1. JSON-LD `NewsArticle` (or `Article`, `ReportageNewsArticle`…) `articleBody`, when present;
 * 2. else the paragraphs and subheadings of the smallest container (`<article>`, `<main>`,
 *    `<section>`, `<div>`) that holds at least 70 % of the page's body text, leaving out
 *    whatever sits in navigation, headers, footers, asides, forms, and blocks whose class or id
 *    says menu, cookie, share, related, comment, advert, newsletter and the like.
 * Metadata: headline (JSON-LD, `og:title`, `<title>`, cleaned of the site name), published
 * time, canonical URL, author, lead image and its credit.
 */
import { decode } from 'html-entities';

export interface ArticleBlock {
  kind: 'p' | 'h';
  text: string;
}

export interface ExtractedArticle {
  headline: string | null;
  /** Where the headline came from: a bare `<title>` is the least clean (site names, taglines). */
  headlineFrom: 'json-ld' | 'og:title' | 'title' | null;
  blocks: ArticleBlock[];
  publishedAt: string | null;
  canonicalUrl: string | null;
  author: string | null;
  imageUrl: string | null;
  imageCredit: string | null;
  /** Which rule found the body, for logs and tests. */
  method: 'json-ld' | 'container' | 'none';
}

/** Share of the page's body text the chosen container must hold. */
const CONTAINER_SHARE = 0.7;

/** Elements that are never article text, and the class/id words that mark page furniture. */
const FURNITURE_TAGS = ['nav', 'header', 'footer', 'aside', 'form', 'menu', 'dialog', 'noscript', 'template'];
const FURNITURE_WORDS =
  /(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|cookies?|consent|gdpr|banner|share|sharing|social|related|recommended|more-news|read-also|comments?|disqus|ads?|advert\w*|sponsor\w*|promo|newsletter|subscribe|subscription|sidebar|widget|footer|header|tags|popular|trending)(?:$|[\s_-])/i;

const ARTICLE_TYPES = new Set(['NewsArticle', 'Article', 'ReportageNewsArticle', 'AnalysisNewsArticle', 'BlogPosting']);

interface Container {
  id: number;
  tag: string;
  furniture: boolean;
}

interface Paragraph {
  kind: 'p' | 'h';
  text: string;
  /** Ids of the containers it sits in, outermost first. */
  path: number[];
  furniture: boolean;
}

function cleanText(raw: string): string {
  return decode(raw).replace(/\s+/g, ' ').trim();
}

function isFurniture(element: Element): boolean {
  if (FURNITURE_TAGS.includes(element.tagName)) return true;
  const role = element.getAttribute('role') ?? '';
  if (/^(?:navigation|banner|contentinfo|complementary|dialog|alertdialog)$/i.test(role)) return true;
  const words = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  return FURNITURE_WORDS.test(words);
}

type JsonObject = Record<string, unknown>;

function findArticleObject(value: unknown): JsonObject | null {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findArticleObject(item);
      if (found) return found;
    }
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const object = value as JsonObject;
  const types = ([] as unknown[]).concat(object['@type'] ?? []);
  if (types.some((type) => typeof type === 'string' && ARTICLE_TYPES.has(type))) return object;
  return findArticleObject(object['@graph']);
}

function readName(value: unknown): string | null {
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  if (typeof first === 'string') return first.trim() || null;
  if (typeof first === 'object' && first !== null) {
    const name = (first as JsonObject).name;
    return typeof name === 'string' ? name.trim() || null : null;
  }
  return null;
}

function readImage(value: unknown): { url: string | null; credit: string | null } {
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  if (typeof first === 'string') return { url: first, credit: null };
  if (typeof first !== 'object' || first === null) return { url: null, credit: null };
  const image = first as JsonObject;
  const url =
    typeof image.url === 'string' ? image.url : typeof image.contentUrl === 'string' ? image.contentUrl : null;
  const credit = readName(image.creditText) ?? readName(image.copyrightHolder) ?? readName(image.author);
  return { url, credit };
}

/** `articleBody` has no markup: paragraphs are its blank or single line breaks. */
function splitArticleBody(body: string): ArticleBlock[] {
  return decode(body)
    .split(/\n+/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .map((text) => ({ kind: 'p' as const, text }));
}

/** "Headline | Site", "Headline - Site", "Site: Headline" → "Headline". */
export function stripSiteName(title: string, siteName: string | null): string {
  const trimmed = title.replace(/\s+/g, ' ').trim();
  if (siteName) {
    const site = siteName.trim().toLowerCase();
    const parts = trimmed.split(/\s+[|–—-]\s+|\s*[|]\s*/);
    const kept = parts.filter((part) => part.trim().toLowerCase() !== site);
    if (kept.length > 0 && kept.length < parts.length) return kept.join(' – ').trim();
  }
  // Without a known site name, only a trailing "| Something" is taken for one.
  const piped = /^(.{10,}?)\s+\|\s+[^|]{1,60}$/.exec(trimmed);
  return piped?.[1]?.trim() ?? trimmed;
}

function chooseContainer(paragraphs: readonly Paragraph[], containers: ReadonlyMap<number, Container>): number | null {
  const totals = new Map<number, number>();
  let all = 0;
  for (const paragraph of paragraphs) {
    if (paragraph.furniture || paragraph.kind !== 'p') continue;
    all += paragraph.text.length;
    for (const id of paragraph.path) totals.set(id, (totals.get(id) ?? 0) + paragraph.text.length);
  }
  if (all === 0) return null;
  // An <article> holding most of the text wins outright: publishers mark their story with it.
  let best: { id: number; depth: number } | null = null;
  for (const paragraph of paragraphs) {
    paragraph.path.forEach((id, depth) => {
      const total = totals.get(id) ?? 0;
      if (total < all * CONTAINER_SHARE) return;
      const isArticle = containers.get(id)?.tag === 'article';
      if (!best || depth > best.depth || (isArticle && containers.get(best.id)?.tag !== 'article')) {
        best = { id, depth: isArticle ? Number.MAX_SAFE_INTEGER : depth };
      }
    });
  }
  return (best as { id: number } | null)?.id ?? null;
}

/**
 * `html` is the decoded page (see decode-charset.ts). The work is one streaming pass; the cost
 * grows with the page's size and element count, not with a DOM.
 */
export async function extractArticle(html: string, pageUrl: string): Promise<ExtractedArticle> {
  const meta = new Map<string, string>();
  const jsonLd: string[] = [];
  let title = '';
  let canonical: string | null = null;
  const containers = new Map<number, Container>();
  const stack: Container[] = [];
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | null = null;
  let furnitureDepth = 0;
  let nextId = 1;
  let firstCaption: string | null = null;
  let captionText: string | null = null;
  let ldText: string | null = null;

  const openBlock = (kind: 'p' | 'h') => ({
    element(element: Element) {
      const paragraph: Paragraph = {
        kind,
        text: '',
        path: stack.map((container) => container.id),
        furniture: furnitureDepth > 0 || isFurniture(element),
      };
      current = paragraph;
      paragraphs.push(paragraph);
      element.onEndTag(() => {
        current = null;
      });
    },
    text(chunk: Text) {
      if (current) current.text += chunk.text;
    },
  });

  const rewriter = new HTMLRewriter()
    .on('div, section, article, main, nav, header, footer, aside, form, menu, dialog, ul, ol, noscript', {
      element(element) {
        const container: Container = { id: nextId++, tag: element.tagName, furniture: isFurniture(element) };
        containers.set(container.id, container);
        stack.push(container);
        if (container.furniture) furnitureDepth += 1;
        element.onEndTag(() => {
          // Pop back to this container: a page that forgets a closing tag must not skew the rest.
          const at = stack.lastIndexOf(container);
          if (at === -1) return;
          for (const popped of stack.splice(at)) if (popped.furniture) furnitureDepth -= 1;
        });
      },
    })
    .on('p', openBlock('p'))
    .on('h2, h3', openBlock('h'))
    .on('title', {
      text(chunk) {
        title += chunk.text;
      },
    })
    .on('meta', {
      element(element) {
        const key = (element.getAttribute('property') ?? element.getAttribute('name') ?? '').toLowerCase();
        const content = element.getAttribute('content');
        if (key && content && !meta.has(key)) meta.set(key, content);
      },
    })
    .on('link[rel="canonical"]', {
      element(element) {
        canonical ??= element.getAttribute('href');
      },
    })
    .on('script[type="application/ld+json"]', {
      element(element) {
        ldText = '';
        element.onEndTag(() => {
          if (ldText !== null) jsonLd.push(ldText);
          ldText = null;
        });
      },
      text(chunk) {
        if (ldText !== null) ldText += chunk.text;
      },
    })
    .on('figcaption', {
      element(element) {
        if (firstCaption !== null) return;
        captionText = '';
        element.onEndTag(() => {
          firstCaption = captionText === null ? null : cleanText(captionText) || null;
          captionText = null;
        });
      },
      text(chunk) {
        if (captionText !== null) captionText += chunk.text;
      },
    });

  await rewriter
    .transform(new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }))
    .arrayBuffer();

  let article: JsonObject | null = null;
  for (const text of jsonLd) {
    try {
      article = findArticleObject(JSON.parse(text));
    } catch {
      // A publisher's broken JSON-LD is common; the page's markup is still there.
    }
    if (article) break;
  }

  const siteName = meta.get('og:site_name') ?? null;
  const ldHeadline = typeof article?.headline === 'string' ? article.headline : null;
  const ogTitle = meta.get('og:title') ?? null;
  const rawHeadline = ldHeadline ?? ogTitle ?? (cleanText(title) || null);
  const headlineFrom = ldHeadline ? 'json-ld' : ogTitle ? 'og:title' : rawHeadline ? 'title' : null;
  const image = readImage(article?.image);
  const resolve = (value: string | null): string | null => {
    if (!value) return null;
    try {
      return new URL(decode(value), pageUrl).href;
    } catch {
      return null;
    }
  };

  let blocks: ArticleBlock[] = [];
  let method: ExtractedArticle['method'] = 'none';
  if (typeof article?.articleBody === 'string' && article.articleBody.trim() !== '') {
    blocks = splitArticleBody(article.articleBody);
    method = 'json-ld';
  } else {
    for (const paragraph of paragraphs) paragraph.text = cleanText(paragraph.text);
    const kept = paragraphs.filter((paragraph) => paragraph.text !== '');
    const container = chooseContainer(kept, containers);
    if (container !== null) {
      blocks = kept
        .filter((paragraph) => !paragraph.furniture && paragraph.path.includes(container))
        .map((paragraph) => ({ kind: paragraph.kind, text: paragraph.text }));
      method = 'container';
    }
  }
  const headline = rawHeadline ? stripSiteName(decode(rawHeadline), siteName) : null;
  // A heading that repeats the headline is the page's own title line, not a subheading.
  if (headline) blocks = blocks.filter((block) => !(block.kind === 'h' && block.text === headline));
  while (blocks[0]?.kind === 'h') blocks.shift();

  const published =
    (typeof article?.datePublished === 'string' ? article.datePublished : null) ??
    meta.get('article:published_time') ??
    null;
  return {
    headline,
    headlineFrom,
    blocks,
    publishedAt: published && !Number.isNaN(Date.parse(published)) ? new Date(published).toISOString() : null,
    canonicalUrl: resolve(canonical ?? meta.get('og:url') ?? null),
    author: readName(article?.author) ?? meta.get('author') ?? meta.get('article:author') ?? null,
    imageUrl: resolve(image.url ?? meta.get('og:image') ?? null),
    imageCredit: image.credit ?? firstCaption,
    method,
  };
}
