/**
 * Structural checks that data rendered into HTML stayed text. Failures are thrown with the
 * offending piece JSON-quoted: a lone surrogate in a raw failure message aborts the test run.
 */

// Elements the views and feeds write; anything else (img, script, iframe…) would come from data.
const OUR_ELEMENTS: ReadonlySet<string> = new Set(
  (
    'html head meta title link style body a header div p nav ul ol li form label input button main footer ' +
    'h1 h2 h3 h4 article section aside time span small strong em b i mark figure figcaption svg g text rect ' +
    'desc dl dt dd blockquote br hr details summary abbr cite q sup sub'
  ).split(' '),
);

const LOGO = '<img src="/icon.svg" alt="" width="28" height="28"/>';

/** An article's lead image as the article view writes it: the only other <img>, and only there. */
const LEAD_IMAGE =
  /<figure class="lead-image"><img src="[^"<>]*" alt="" decoding="async" referrerpolicy="no-referrer"\/>/g;

const ENTITY = /^&(?:amp|lt|gt|quot|apos|#39|#x27|#\d+|#x[0-9a-f]+);/i;

/** Every "<" opens one of our elements, no tag carries an event handler or a stray quote, and every "&" is an entity. */
export function findMarkupProblem(html: string): string | null {
  const body = html
    .replace(/^<!DOCTYPE html>/i, '')
    .replace(/<style>[\s\S]*?<\/style>/g, '<style></style>')
    // The header's logo, exactly as the layout writes it: the one <img> that is ours, so an
    // <img> anywhere else (from data) is still found.
    .replace(LOGO, '')
    .replace(LEAD_IMAGE, '<figure class="lead-image">');
  for (const match of body.matchAll(/<(\/?)([^\s/>]*)/g)) {
    if (!OUR_ELEMENTS.has((match[2] ?? '').toLowerCase())) return `element <${match[1]}${match[2]}`;
  }
  const tags = body.match(/<\/?[a-z][^>]*>/gi) ?? [];
  for (const tag of tags) {
    // Data can only sit in quoted attribute values, where quotes are escaped.
    const outsideQuotes = tag.slice(1).replace(/"[^"]*"/g, '""');
    if (/\son[a-z]+\s*=/i.test(outsideQuotes) || /[<'`]/.test(outsideQuotes)) return `tag ${tag}`;
  }
  const text = body.replace(/<\/?[a-z][^>]*>/gi, '');
  if (text.includes('>'))
    return `">" in text near ${text.slice(Math.max(0, text.indexOf('>') - 40), text.indexOf('>') + 1)}`;
  for (let at = text.indexOf('&'); at !== -1; at = text.indexOf('&', at + 1)) {
    if (!ENTITY.test(text.slice(at, at + 12))) return `bare "&" near ${text.slice(at, at + 12)}`;
  }
  return null;
}
