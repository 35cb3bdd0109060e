/**
 * Whether and how an ingested document's lead image is shown to readers.
 *
 * The image stays on the publisher's server: readers' browsers load it from there (with no
 * referrer), so Silk Digest neither copies nor re-serves a photograph it holds no licence for,
 * and the publisher keeps control of it. The page's Content-Security-Policy is widened by that
 * one origin only (see `buildContentSecurityPolicy`), never by a wildcard.
 *
 * Rights follow the source's policy: `full` and `excerpt` sources show their lead image with its
 * credit (what a link preview of the report would show); `headline` sources show nothing but
 * the headline and the link.
 */
import type { RightsPolicy } from '../db/sources.ts';

export interface LeadImage {
  url: string;
  /** `https://host[:port]`, the one origin the page's img-src must allow. */
  origin: string;
  credit: string | null;
}

/** Longer than any real image URL; a guard against pathological markup, not a style rule. */
const MAX_URL_LENGTH = 2048;

/**
 * The image to show, or null. Only absolute https URLs without credentials qualify: an http
 * image would be mixed content (blocked or flagged by browsers on an https page), and data:,
 * javascript: or relative URLs from a scraped page mean nothing trustworthy here.
 */
export function chooseLeadImage(
  rights: RightsPolicy,
  url: string | null | undefined,
  credit: string | null | undefined,
): LeadImage | null {
  if (rights === 'headline' || !url || url.length > MAX_URL_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return null;
  const cleanCredit = credit?.replace(/\s+/g, ' ').trim();
  return { url: parsed.href, origin: parsed.origin, credit: cleanCredit ? cleanCredit : null };
}
