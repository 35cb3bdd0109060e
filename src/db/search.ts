/**
 * Full-text search over the FTS5 index of migration 0002. Ranked by bm25 (headline matches
 * weigh more), one result per document, shown in the reader's language; one D1 batch.
 *
 * The index holds folded text (apostrophe marks removed), so snippets are never taken from
 * it: each hit brings the stored paragraphs of the language it matched in, and the caller cuts
 * about thirty words around the match from them (services/search-snippet.ts cutSnippets; this
 * repository only reads). When nothing
 * matches, the same batch brings what the page suggests instead (entities to compare with
 * the query, the latest stories); when something does, those statements read no rows.
 */
import type { Block } from '../services/ingest.ts';
import type { SearchQuery } from '../services/search-query.ts';
import type { Database } from './client.ts';
import { readPageStatements } from './session.ts';

/** Stories the no-result page offers instead. */
const LATEST_ON_NO_MATCH = 5;

/** A hit as the repository reads it, before the snippet is cut. */
interface FoundHit {
  slug: string;
  publishedOn: string;
  sourceName: string;
  headline: string;
  isFallback: boolean;
  textLanguage: string;
  /** The paragraphs of the language the query matched in, joined: the text a snippet is cut from. */
  snippetText: string;
  snippetLanguage: string;
}

/** A hit as pages and the API show it: `snippetText` cut down to the snippet by the caller. */
export type SearchHit = Omit<FoundHit, 'snippetText'> & { snippet: string };

/** A person, organisation or place a no-result page may suggest. */
export interface EntityName {
  slug: string;
  kind: string;
  nameEn: string;
  nameUz: string;
  nameJa: string;
}

export interface LatestStory {
  slug: string;
  headline: string;
  publishedOn: string;
  isFallback: boolean;
  textLanguage: string;
}

export interface SearchResults {
  total: number;
  hits: FoundHit[];
  /** Filled only when nothing matched. */
  entities: EntityName[];
  latest: LatestStory[];
}

interface Row {
  slug: string;
  published_on: string;
  source_name: string;
  original_language: string;
  headline: string;
  has_wanted: number;
  snippet_body: string | null;
  snippet_lang: string | null;
}

/**
 * How many index rows (one per document and language, newest first) a query made only of
 * terms shorter than a trigram may scan: no index serves instr(), so without a bound its cost
 * would grow with the corpus. Such a query finds matches among the newest texts only.
 */
const SHORT_TERM_SCAN_ROWS = 1_000;

/**
 * Matching (document, language) rows: FTS5 for trigram-sized terms, instr() for shorter ones
 * (over the rows FTS5 matched, or over the newest `scanRows` rows when nothing else narrows).
 * ?1 is the reader's language; the query's own parameters follow it.
 */
function hitsSql(query: SearchQuery, lang: string, scanRows: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [lang];
  const conditions: string[] = [];
  let rank = '0';
  if (query.match) {
    params.push(query.match);
    conditions.push(`search_index MATCH ?${params.length}`);
    rank = 'bm25(search_index, 5.0, 1.0)';
  }
  for (const term of query.shortTerms) {
    params.push(term);
    const slot = `?${params.length}`;
    conditions.push(`(instr(lower(headline), lower(${slot})) > 0 OR instr(lower(body), lower(${slot})) > 0)`);
  }
  if (!query.match) {
    // Rowids follow insertion, so the highest are the newest texts; read backwards on the rowid.
    conditions.unshift(`rowid IN (SELECT rowid FROM search_index ORDER BY rowid DESC LIMIT ${scanRows})`);
  }
  return {
    sql: `SELECT CAST(document_id AS INTEGER) AS document_id, lang, ${rank} AS rank
          FROM search_index WHERE ${conditions.join(' AND ')}`,
    params,
  };
}

/** The paragraphs of a stored body (JSON blocks) as one text to cut a snippet from. */
function paragraphsOf(body: string | null): string {
  if (!body) return '';
  return (JSON.parse(body) as Block[])
    .filter((block) => block.kind === 'p')
    .map((block) => block.text)
    .join(' ');
}

export async function searchDocuments(
  db: Database,
  query: SearchQuery,
  lang: string,
  page: number,
  pageSize: number,
  scanRows: number = SHORT_TERM_SCAN_ROWS,
): Promise<SearchResults> {
  if (!query.match && query.shortTerms.length === 0) return { total: 0, hits: [], entities: [], latest: [] };
  const d1 = db.$client;
  const hits = hitsSql(query, lang, Math.max(1, Math.floor(scanRows)));
  // MATERIALIZED: inlined into the correlated subqueries below, the FTS table would be read by
  // rowid and SQLite refuses bm25() outside a MATCH scan.
  const base = `WITH hits AS MATERIALIZED (${hits.sql}),
    best AS (SELECT h.document_id, min(h.rank) AS rank FROM hits h
             JOIN documents live ON live.id = h.document_id AND live.deleted_at IS NULL
             GROUP BY h.document_id)`;
  // A constant condition: SQLite tests it once, so with results these read no rows at all.
  const nothingFound = 'NOT EXISTS (SELECT 1 FROM best) AND ?1 IS NOT NULL';
  const [rows, totals, entityRows, latestRows] = await readPageStatements(d1, [
    d1
      .prepare(
        `${base}, shown AS (
          SELECT d.*, best.rank AS best_rank,
                 (SELECT h.lang FROM hits h WHERE h.document_id = d.id
                   ORDER BY (h.lang = ?1) DESC, h.rank LIMIT 1) AS snippet_lang
          FROM best JOIN documents d ON d.id = best.document_id
          ORDER BY best.rank, d.published_on DESC, d.id DESC
          LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize})
        SELECT s.slug, s.published_on, s.source_name, s.original_language,
               coalesce(w.headline, o.headline) AS headline, w.lang IS NOT NULL AS has_wanted,
               s.snippet_lang, t.body AS snippet_body
        FROM shown s
        LEFT JOIN translations w ON w.document_id = s.id AND w.lang = ?1
        LEFT JOIN translations o ON o.document_id = s.id AND o.lang = s.original_language
        LEFT JOIN translations t ON t.document_id = s.id AND t.lang = s.snippet_lang
        ORDER BY s.best_rank, s.published_on DESC, s.id DESC`,
      )
      .bind(...hits.params),
    d1.prepare(`${base} SELECT count(*) AS total FROM best WHERE ?1 IS NOT NULL`).bind(...hits.params),
    d1
      .prepare(
        `${base} SELECT slug, kind, name_en AS nameEn, name_uz AS nameUz, name_ja AS nameJa
         FROM entities WHERE ${nothingFound} ORDER BY slug`,
      )
      .bind(...hits.params),
    d1
      .prepare(
        `${base} SELECT d.slug, d.published_on, d.original_language,
                coalesce(w.headline, o.headline) AS headline, w.lang IS NOT NULL AS has_wanted
         FROM documents d
         LEFT JOIN translations w ON w.document_id = d.id AND w.lang = ?1
         LEFT JOIN translations o ON o.document_id = d.id AND o.lang = d.original_language
         WHERE d.deleted_at IS NULL AND ${nothingFound}
         ORDER BY d.published_on DESC, d.id DESC LIMIT ${LATEST_ON_NO_MATCH}`,
      )
      .bind(...hits.params),
  ]);
  const total = (totals?.results[0] as { total: number } | undefined)?.total ?? 0;
  const latest = (latestRows?.results ?? []) as {
    slug: string;
    published_on: string;
    original_language: string;
    headline: string;
    has_wanted: number;
  }[];
  return {
    total,
    hits: ((rows?.results ?? []) as Row[]).map((row) => ({
      slug: row.slug,
      publishedOn: row.published_on,
      sourceName: row.source_name,
      headline: row.headline,
      isFallback: !row.has_wanted,
      textLanguage: row.has_wanted ? lang : row.original_language,
      snippetText: paragraphsOf(row.snippet_body),
      snippetLanguage: row.snippet_lang ?? row.original_language,
    })),
    entities: (entityRows?.results ?? []) as EntityName[],
    latest: latest.map((row) => ({
      slug: row.slug,
      headline: row.headline,
      publishedOn: row.published_on,
      isFallback: !row.has_wanted,
      textLanguage: row.has_wanted ? lang : row.original_language,
    })),
  };
}
