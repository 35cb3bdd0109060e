/**
 * One D1 session per request, with read replication and a count of what the request cost.
 *
 * Reads go to the nearest replica (`first-unconstrained`); writes start on the primary. After a
 * request the session's bookmark is returned as `x-d1-bookmark`, and a request that sends it
 * back is served from a replica at least that fresh, so an editor always sees their own change.
 *
 * The statistics (round trips, rows read and written) feed the `Server-Timing` header: the
 * benchmark and any operator can see what a page view costs in D1 without a dashboard.
 */
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { Database } from './client.ts';

export const BOOKMARK_HEADER = 'x-d1-bookmark';

// A D1 bookmark is four dash-separated hex groups of 8, 8, 8 and 32 digits (as D1 and its local
// simulator issue them); anything else is ignored, never passed on to D1 or echoed back.
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/i;

export interface D1Stats {
  roundTrips: number;
  rowsRead: number;
  rowsWritten: number;
}

export function createD1Stats(): D1Stats {
  return { roundTrips: 0, rowsRead: 0, rowsWritten: 0 };
}

/** The content version (migration 0004): one row by primary key, bumped on every visible change. */
export const CONTENT_VERSION_SQL = 'SELECT content_version FROM site_state WHERE id = 1';

/**
 * Reads the content version in the same round trip as a page's own queries.
 *
 * The edge cache labels what it stores with the content version the page was rendered from.
 * Reading that version in a round trip of its own would double the D1 cost of a cache miss, so
 * the cache middleware arms this tap instead, and the session adds the one-row version read to
 * the front of the page's first batch. D1 runs a batch as one transaction, so the version is
 * exactly that of the data the page shows. If the page's first read is a single statement
 * rather than a batch, the version is read just before it: a label no newer than the data is
 * still safe (at worst the page is rendered again on the next request), a newer one would not be.
 */
export interface VersionTap {
  armed: boolean;
  /** The version read for the armed request, once its first read has run. */
  version: number | undefined;
}

export function createVersionTap(): VersionTap {
  return { armed: false, version: undefined };
}

/**
 * Records the version a read saw. Two reads of one page may run at once; the label is the
 * older of their versions (versions only grow), so it is never newer than any data shown.
 */
function noteVersion(tap: VersionTap, result: unknown): void {
  const rows = (result as { results?: { content_version?: number }[] }).results;
  const version = rows?.[0]?.content_version ?? 0;
  tap.version = tap.version === undefined ? version : Math.min(tap.version, version);
}

/** The bookmark a client sent, if it looks like one. */
export function readBookmark(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed && BOOKMARK.test(trimmed) ? trimmed : undefined;
}

export function openSession(d1: D1Database, bookmark: string | undefined, writes: boolean): D1DatabaseSession {
  return d1.withSession(bookmark ?? (writes ? 'first-primary' : 'first-unconstrained'));
}

function record(stats: D1Stats, result: unknown): void {
  const meta = (result as { meta?: { rows_read?: number; rows_written?: number } } | null)?.meta;
  stats.rowsRead += meta?.rows_read ?? 0;
  stats.rowsWritten += meta?.rows_written ?? 0;
}

const EXECUTORS = new Set(['all', 'run', 'first', 'raw']);

/** Maps each counting proxy back to D1's own statement, which batch() insists on. */
type Originals = WeakMap<object, D1PreparedStatement>;

/** Runs before every single-statement read: where an armed tap still needs its version. */
type BeforeRead = () => Promise<void>;

function instrumentStatement(
  statement: D1PreparedStatement,
  stats: D1Stats,
  originals: Originals,
  beforeRead: BeforeRead,
): D1PreparedStatement {
  const proxy = new Proxy(statement, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property === 'bind') {
        return (...args: unknown[]) =>
          instrumentStatement(method.apply(target, args) as D1PreparedStatement, stats, originals, beforeRead);
      }
      if (typeof property === 'string' && EXECUTORS.has(property)) {
        return async (...args: unknown[]) => {
          await beforeRead();
          stats.roundTrips += 1;
          const result = await (method.apply(target, args) as Promise<unknown>);
          // first() and raw() return rows without meta; only all() and run() report rows read.
          record(stats, result);
          return result;
        };
      }
      return method.bind(target);
    },
  });
  originals.set(proxy, statement);
  return proxy;
}

/**
 * The session, counting its round trips (a batch is one), and reading the content version
 * alongside the first read when the tap is armed.
 */
export function instrumentSession(
  session: D1DatabaseSession,
  stats: D1Stats,
  tap: VersionTap = createVersionTap(),
): D1DatabaseSession {
  const originals: Originals = new WeakMap();
  const wantsVersion = () => tap.armed && tap.version === undefined;
  const beforeRead: BeforeRead = async () => {
    if (!wantsVersion()) return;
    stats.roundTrips += 1;
    const result = await session.prepare(CONTENT_VERSION_SQL).all();
    record(stats, result);
    noteVersion(tap, result);
  };
  return new Proxy(session, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property === 'prepare') {
        return (query: string) =>
          instrumentStatement(method.call(target, query) as D1PreparedStatement, stats, originals, beforeRead);
      }
      if (property === 'batch') {
        return async (statements: D1PreparedStatement[]) => {
          stats.roundTrips += 1;
          const plain = statements.map((statement) => originals.get(statement) ?? statement);
          const withVersion = wantsVersion();
          if (withVersion) plain.unshift(target.prepare(CONTENT_VERSION_SQL));
          const results = await (method.call(target, plain) as Promise<unknown[]>);
          for (const result of results) record(stats, result);
          if (!withVersion) return results;
          noteVersion(tap, results[0]);
          return results.slice(1);
        };
      }
      return method.bind(target);
    },
  });
}

/**
 * A page's one round trip: its statements as one D1 batch (one transaction). When the edge
 * cache armed the version tap (routes/conditional.ts), the session above puts the content-version
 * read in front of them, so the label of the cached page costs no round trip of its own and is
 * exactly as new as the page's data. That is why a page with a single query still reads it as a
 * batch (of one): a lone statement would get the version read in a round trip of its own.
 */
export function readPageBatch<U extends BatchItem<'sqlite'>, T extends Readonly<[U, ...U[]]>>(
  db: Database,
  statements: T,
): Promise<BatchResponse<T>> {
  return db.batch(statements);
}

/** `readPageBatch` for a page that reads with raw SQL (search's FTS queries). */
export function readPageStatements<T = unknown>(
  d1: D1Database | D1DatabaseSession,
  statements: D1PreparedStatement[],
): Promise<D1Result<T>[]> {
  return d1.batch<T>(statements);
}

export function formatServerTiming(stats: D1Stats): string {
  return `d1;desc="round-trips=${stats.roundTrips} rows-read=${stats.rowsRead} rows-written=${stats.rowsWritten}"`;
}
