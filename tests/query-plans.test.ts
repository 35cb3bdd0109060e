/**
 * The pages' queries must stay index lookups as the corpus grows: EXPLAIN QUERY PLAN of every
 * statement they send, with no full `SCAN` of documents, translations or weekly_summaries
 * (a scan that walks an index, `USING [COVERING] INDEX` / `USING INTEGER PRIMARY KEY`, and
 * any `SEARCH` are fine).
 *
 * The SQL is not copied here: each query function of src/db runs once against a recording D1
 * binding that keeps every statement (SQL and parameters) and answers with no rows; the plans
 * of exactly those statements are then asked of the real local D1. A change to a query is
 * therefore checked as it is, with no second copy of its SQL to keep in step.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database } from '../src/db/client.ts';
import { getArticle } from '../src/db/article.ts';
import { getArticlePage } from '../src/db/article-page.ts';
import { getWeekPage } from '../src/db/week-pages.ts';
import {
  countCorpus,
  getHomePage,
  listArticlesAfter,
  listStories,
  listTopicCounts,
  readContentVersion,
} from '../src/db/queries.ts';
import { searchDocuments } from '../src/db/search.ts';
import { getWeekSummary, listFeedWeeks, listWeekArchive, loadWeekDocuments } from '../src/db/summaries.ts';
import { parseSearchQuery } from '../src/services/search-query.ts';
import { seedTestCorpus } from './helpers/corpus.ts';

interface Statement {
  sql: string;
  params: unknown[];
}

/** A D1 binding that records what it is asked to run and returns no rows. */
function recordingD1(log: Statement[]): D1Database {
  const empty = { results: [], success: true, meta: { changes: 0, rows_read: 0, rows_written: 0 } };
  const statement = (sql: string, params: unknown[]) => ({
    sql,
    params,
    bind: (...values: unknown[]) => statement(sql, values),
    all: () => (log.push({ sql, params }), Promise.resolve(empty)),
    run: () => (log.push({ sql, params }), Promise.resolve(empty)),
    raw: () => (log.push({ sql, params }), Promise.resolve([])),
    first: () => (log.push({ sql, params }), Promise.resolve(null)),
  });
  return {
    prepare: (sql: string) => statement(sql, []),
    batch: (statements: Statement[]) => {
      for (const { sql, params } of statements) log.push({ sql, params });
      return Promise.resolve(statements.map(() => empty));
    },
  } as unknown as D1Database;
}

async function statementsOf(query: (db: Database) => Promise<unknown>): Promise<Statement[]> {
  const log: Statement[] = [];
  await query(createDb(recordingD1(log)));
  return log;
}

const SLUG = 'mirziyoyev-and-takaichi-hold-talks-in-tokyo';
const WEEK = '2025-W51';

/** The page queries (and the cron's week loader), as the routes call them. */
const QUERIES: [string, (db: Database) => Promise<unknown>][] = [
  ['readContentVersion (every page view, the cache key)', (db) => readContentVersion(db)],
  ['listStories (home page)', (db) => listStories(db, 'en', 2, 10)],
  ['getHomePage (home page with its top story)', (db) => getHomePage(db, 'uz-Cyrl', 'uz', 1, 10)],
  ['listStories (topic page)', (db) => listStories(db, 'en', 1, 10, { topic: 'energy' })],
  ['listStories (entity page)', (db) => listStories(db, 'en', 1, 10, { entitySlug: 'japan' })],
  ['getArticle (article page)', (db) => getArticle(db, SLUG)],
  ['listArticlesAfter (API, first page)', (db) => listArticlesAfter(db, 'en', null, 21)],
  ['listArticlesAfter (API, cursor)', (db) => listArticlesAfter(db, 'en', { publishedOn: '2025-12-19', id: 2 }, 21)],
  ['getWeekSummary (API week)', (db) => getWeekSummary(db, WEEK, 'en')],
  ['getWeekPage (week page)', (db) => getWeekPage(db, WEEK, 'en')],
  ['getArticlePage (article page)', (db) => getArticlePage(db, SLUG, 'uz-Cyrl', 'uz')],
  ['listWeekArchive (week archive)', (db) => listWeekArchive(db, 'en', 520)],
  ['listFeedWeeks (feeds)', (db) => listFeedWeeks(db, 'en', 12, 10)],
  ['listTopicCounts (topics page)', (db) => listTopicCounts(db)],
  ['searchDocuments (search page)', (db) => searchDocuments(db, parseSearchQuery('Samarkand'), 'en', 1, 10)],
  ['loadWeekDocuments (cron)', (db) => loadWeekDocuments(db, WEEK)],
  ['countCorpus (/healthz)', (db) => countCorpus(db)],
];

/**
 * Statements known to scan a table in full. Each stays here, as an `it.fails`, until its query
 * is changed to use an index; the suite then reports the fixed one so it can be removed.
 */
// None at present: the page counts read the counters of migration 0007 (story_counts).
const KNOWN_SCANS: Record<string, string> = {};

const WATCHED = ['documents', 'translations', 'weekly_summaries'];

/** Names the watched tables go by in a statement: their own, and any alias. */
function watchedNames(sql: string): Set<string> {
  const names = new Set(WATCHED);
  const alias = /["`]?(documents|translations|weekly_summaries)["`]?\s+(?:AS\s+)?["`]?([a-z_][a-z0-9_]*)["`]?/gi;
  const keywords = new Set(['where', 'on', 'join', 'left', 'inner', 'order', 'group', 'limit', 'set', 'using']);
  for (const match of sql.matchAll(alias)) {
    const name = match[2]!.toLowerCase();
    if (!keywords.has(name)) names.add(name);
  }
  return names;
}

/** Plan steps that read a watched table in full, without an index. */
function fullScans(sql: string, plan: string[]): string[] {
  const names = watchedNames(sql);
  return plan.filter((detail) => {
    const match = /^SCAN (\S+)/.exec(detail);
    if (!match || !names.has(match[1]!.toLowerCase())) return false;
    return !/USING (?:COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(detail);
  });
}

async function planOf({ sql, params }: Statement): Promise<string[]> {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((row) => row.detail);
}

const cases: { name: string; statement: Statement }[] = [];
for (const [name, query] of QUERIES) {
  const statements = await statementsOf(query);
  statements.forEach((statement, index) => cases.push({ name: `${name} #${index + 1}`, statement }));
}

beforeAll(async () => {
  await seedTestCorpus(env.DB);
});

describe('query plans', () => {
  it('records every query function', () => {
    for (const [name] of QUERIES)
      expect(
        cases.some((entry) => entry.name.startsWith(`${name} #`)),
        name,
      ).toBe(true);
  });

  for (const { name, statement } of cases) {
    const test = name in KNOWN_SCANS ? it.fails : it;
    test(`${name}: no full scan of documents, translations or weekly_summaries`, async () => {
      const plan = await planOf(statement);
      expect(plan.length).toBeGreaterThan(0);
      expect(fullScans(statement.sql, plan), `${statement.sql}\n\n${plan.join('\n')}`).toEqual([]);
    });
  }
});
