/**
 * Full-text search over the FTS5 index of migration 0002. Ranked by bm25 (headline matches
 * weigh more), one result per document, shown in the reader's language; one D1 batch.
 */
import type { SearchQuery } from '../services/search-query.ts';
import type { Database } from './client.ts';

export const SNIPPET_START = '\u0001';
export const SNIPPET_END = '\u0002';

export interface SearchHit {
  slug: string;
  publishedOn: string;
  sourceName: string;
  headline: string;
  isFallback: boolean;
  textLanguage: string;
  snippet: string;
  snippetLanguage: string;
}

interface Row {
  slug: string;
  published_on: string;
  source_name: string;
  original_language: string;
  headline: string;
  has_wanted: number;
  snippet: string | null;
  snippet_lang: string | null;
}

/**
 * How many index rows (one per document and language, newest first) a query made only of
 * terms shorter than a trigram may scan: no index serves instr(), so without a bound its cost
 * would grow with the corpus. Such a query finds matches among the newest texts only.
 */
export const SHORT_TERM_SCAN_ROWS = 1_000;

/**
 * Matching (document, language) rows: FTS5 for trigram-sized terms, instr() for shorter ones
 * (over the rows FTS5 matched, or over the newest `scanRows` rows when nothing else narrows).
 * ?1 is the reader's language; the query's own parameters follow it.
 */
function hitsSql(query: SearchQuery, lang: string, scanRows: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [lang];
  const conditions: string[] = [];
  let rank = '0';
  let snippet = `substr(body, 1, 160)`;
  if (query.match) {
    params.push(query.match);
    conditions.push(`search_index MATCH ?${params.length}`);
    rank = 'bm25(search_index, 5.0, 1.0)';
    // With the trigram tokenizer a snippet token is about one character: 64 (the maximum) is a short phrase.
    snippet = `snippet(search_index, 1, char(1), char(2), '…', 64)`;
  }
  for (const term of query.shortTerms) {
    params.push(term);
    const slot = `?${params.length}`;
    conditions.push(`(instr(lower(headline), lower(${slot})) > 0 OR instr(lower(body), lower(${slot})) > 0)`);
    if (!query.match) {
      // Cut a window around the first match, the way snippet() would.
      snippet = `substr(body, max(1, instr(lower(body), lower(${slot})) - 80), 200)`;
    }
  }
  if (!query.match) {
    // Rowids follow insertion, so the highest are the newest texts; read backwards on the rowid.
    conditions.unshift(`rowid IN (SELECT rowid FROM search_index ORDER BY rowid DESC LIMIT ${scanRows})`);
  }
  return {
    sql: `SELECT CAST(document_id AS INTEGER) AS document_id, lang, ${rank} AS rank, ${snippet} AS snip
          FROM search_index WHERE ${conditions.join(' AND ')}`,
    params,
  };
}

/**
 * Drops the word fragments snippet() leaves at a cut ("…conomic zone" → "…zone"), for scripts
 * that separate words with spaces; never removes a highlighted match.
 */
export function trimSnippet(snippet: string): string {
  let text = snippet;
  if (text.startsWith('…')) {
    const space = text.search(/\s/);
    if (space > 0 && space < 24 && !text.slice(0, space).includes(SNIPPET_START)) text = `…${text.slice(space + 1)}`;
  }
  if (text.endsWith('…')) {
    const space = text.search(/\s\S*…$/);
    if (space > 0 && text.length - space < 24 && !text.slice(space).includes(SNIPPET_END)) {
      text = `${text.slice(0, space)} …`;
    }
  }
  return text;
}

export async function searchDocuments(
  db: Database,
  query: SearchQuery,
  lang: string,
  page: number,
  pageSize: number,
  scanRows: number = SHORT_TERM_SCAN_ROWS,
): Promise<{ total: number; hits: SearchHit[] }> {
  if (!query.match && query.shortTerms.length === 0) return { total: 0, hits: [] };
  const d1 = db.$client;
  const hits = hitsSql(query, lang, Math.max(1, Math.floor(scanRows)));
  // MATERIALIZED: inlined into the correlated subqueries below, the FTS table would be read by
  // rowid and SQLite refuses bm25()/snippet() outside a MATCH scan.
  const base = `WITH hits AS MATERIALIZED (${hits.sql}),
    best AS (SELECT h.document_id, min(h.rank) AS rank FROM hits h
             JOIN documents live ON live.id = h.document_id AND live.deleted_at IS NULL
             GROUP BY h.document_id)`;
  const [rows, totals] = await d1.batch([
    d1
      .prepare(
        `${base}
        SELECT d.slug, d.published_on, d.source_name, d.original_language,
               coalesce(w.headline, o.headline) AS headline, w.lang IS NOT NULL AS has_wanted,
               (SELECT snip FROM hits h WHERE h.document_id = d.id
                 ORDER BY (h.lang = ?1) DESC, h.rank LIMIT 1) AS snippet,
               (SELECT h.lang FROM hits h WHERE h.document_id = d.id
                 ORDER BY (h.lang = ?1) DESC, h.rank LIMIT 1) AS snippet_lang
        FROM best
        JOIN documents d ON d.id = best.document_id
        LEFT JOIN translations w ON w.document_id = d.id AND w.lang = ?1
        LEFT JOIN translations o ON o.document_id = d.id AND o.lang = d.original_language
        ORDER BY best.rank, d.published_on DESC, d.id DESC
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      )
      .bind(...hits.params),
    d1.prepare(`${base} SELECT count(*) AS total FROM best WHERE ?1 IS NOT NULL`).bind(...hits.params),
  ]);
  const total = (totals?.results[0] as { total: number } | undefined)?.total ?? 0;
  return {
    total,
    hits: ((rows?.results ?? []) as Row[]).map((row) => ({
      slug: row.slug,
      publishedOn: row.published_on,
      sourceName: row.source_name,
      headline: row.headline,
      isFallback: !row.has_wanted,
      textLanguage: row.has_wanted ? lang : row.original_language,
      snippet: trimSnippet(row.snippet ?? ''),
      snippetLanguage: row.snippet_lang ?? row.original_language,
    })),
  };
}
