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

export const BOOKMARK_HEADER = 'x-d1-bookmark';

// A D1 bookmark is a few dash-separated hex groups; anything else is ignored, not passed on.
const BOOKMARK = /^[0-9a-f]{1,32}(?:-[0-9a-f]{1,32}){1,7}$/i;

export interface D1Stats {
  roundTrips: number;
  rowsRead: number;
  rowsWritten: number;
}

export function createD1Stats(): D1Stats {
  return { roundTrips: 0, rowsRead: 0, rowsWritten: 0 };
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

function instrumentStatement(statement: D1PreparedStatement, stats: D1Stats, originals: Originals) {
  const proxy = new Proxy(statement, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property === 'bind') {
        return (...args: unknown[]) =>
          instrumentStatement(method.apply(target, args) as D1PreparedStatement, stats, originals);
      }
      if (typeof property === 'string' && EXECUTORS.has(property)) {
        return async (...args: unknown[]) => {
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

/** The session, counting its round trips; a batch is one round trip. */
export function instrumentSession(session: D1DatabaseSession, stats: D1Stats): D1DatabaseSession {
  const originals: Originals = new WeakMap();
  return new Proxy(session, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property === 'prepare') {
        return (query: string) =>
          instrumentStatement(method.call(target, query) as D1PreparedStatement, stats, originals);
      }
      if (property === 'batch') {
        return async (statements: D1PreparedStatement[]) => {
          stats.roundTrips += 1;
          const plain = statements.map((statement) => originals.get(statement) ?? statement);
          const results = await (method.call(target, plain) as Promise<unknown[]>);
          for (const result of results) record(stats, result);
          return results;
        };
      }
      return method.bind(target);
    },
  });
}

export function formatServerTiming(stats: D1Stats): string {
  return `d1;desc="round-trips=${stats.roundTrips} rows-read=${stats.rowsRead} rows-written=${stats.rowsWritten}"`;
}
