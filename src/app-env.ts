import type { Database } from './db/client.ts';
import type { Translator } from './i18n/index.ts';
import type { Edition } from './services/languages.ts';

/** Hono's typing of the bindings and the per-request variables set by middleware. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    db: Database;
    lang: Edition;
    t: Translator;
  };
}
