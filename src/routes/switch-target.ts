/**
 * Where the language switch (/lang/{lang}?next=…) may send a reader: a path of that edition on
 * this site, re-serialised by the URL parser so that what goes into `Location` is always plain,
 * percent-encoded ASCII. Anything else gets the edition's home page.
 */

// C0 and C1 controls and DEL: the URL parser would drop some of them silently (tab, newline) and
// a header cannot carry others (NUL), so a `next` holding one is refused, not repaired.
// eslint-disable-next-line no-control-regex -- rejecting control characters is the point
const FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\\]/;
// A base that can never be this site's real origin: only the path part of `next` is kept.
const BASE = 'https://switch.invalid';

export function resolveSwitchTarget(lang: string, next: string | undefined): string {
  const home = `/${lang}/`;
  if (next === undefined || FORBIDDEN.test(next) || !next.startsWith('/') || next.startsWith('//')) return home;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return home;
  }
  // Dot segments are resolved by now, so "/ja/../en/" can no longer pass as a Japanese page.
  if (url.origin !== BASE || !url.pathname.startsWith(home)) return home;
  return `${url.pathname}${url.search}${url.hash}`;
}
