/**
 * The one `?page=` rule of every paged page (home, search, topic, entity): absent is page 1,
 * else plain decimal digits (at most six) naming a page from 1. Anything else is null, which
 * every caller answers with a 404 in the reader's language, as it does a page past the last.
 */
export function parsePage(value: string | undefined): number | null {
  if (value === undefined) return 1;
  if (!/^\d{1,6}$/.test(value)) return null;
  const page = Number(value);
  return page >= 1 ? page : null;
}
