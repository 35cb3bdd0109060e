import type { Database } from './db/client.ts';
import type { D1Stats, VersionTap } from './db/session.ts';
import type { Translator } from './i18n/index.ts';
import type { Edition } from './services/languages.ts';

/** Hono's typing of the bindings and the per-request variables set by middleware. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    db: Database;
    /** What this request has cost in D1 so far (Server-Timing). */
    d1Stats: D1Stats;
    /** Reads the content version with the request's first D1 read when the cache asks for it. */
    versionTap: VersionTap;
    lang: Edition;
    t: Translator;
  };
}
