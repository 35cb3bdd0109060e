import type { Context } from 'hono';
import type { DeskEnv } from '../desk-env.ts';
import type { DeskPage } from './desk-layout.tsx';

/** What every desk view needs from the request. */
export function deskPageOf(c: Context<DeskEnv>, path: string): DeskPage {
  return { t: c.get('t'), lang: c.get('lang'), path, editor: c.get('editor'), formToken: c.get('formToken') };
}
