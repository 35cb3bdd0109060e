import type { Database } from '../db/client.ts';
import type { Translator } from '../i18n/index.ts';
import type { Edition } from '../services/languages.ts';

/** Who is at the desk: the Access email, or the name given at the login form. */
export interface Editor {
  name: string;
  via: 'access' | 'session';
  /** What the form token is bound to: the login's nonce, or the Access identity. */
  sessionKey: string;
}

/** The desk sub-app's bindings and per-request variables. */
export interface DeskEnv {
  Bindings: Env;
  Variables: {
    db: Database;
    lang: Edition;
    t: Translator;
    /** Set by the guard on every page but the login form. */
    editor: Editor;
    formToken: string;
  };
}
