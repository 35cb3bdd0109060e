/** Calling the desk as an editor's browser would: forms, cookies, the Origin header. */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../src/index.ts';
import { ORIGIN } from './http.ts';

export const ADMIN_TOKEN = 'test-admin-token';

export interface DeskRequest {
  method?: string;
  form?: Record<string, string>;
  cookie?: string | undefined;
  /** The Origin header of a POST; the desk's own origin unless given (null: none). */
  origin?: string | null;
  headers?: Record<string, string>;
  bindings?: Env;
}

/** One request to the Worker, waiting for its background work (rebuilds) to finish. */
export async function desk(path: string, options: DeskRequest = {}): Promise<Response> {
  const method = options.method ?? (options.form ? 'POST' : 'GET');
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set('Cookie', options.cookie);
  let body: string | undefined;
  if (options.form) {
    body = new URLSearchParams(options.form).toString();
    headers.set('Content-Type', 'application/x-www-form-urlencoded');
  }
  if (method === 'POST' && options.origin !== null) headers.set('Origin', options.origin ?? ORIGIN);
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${ORIGIN}${path}`, { method, headers, body, redirect: 'manual' }),
    options.bindings ?? env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

/** The `name=value` part of a Set-Cookie header, for the next request's Cookie header. */
export function cookieOf(response: Response): string {
  const header = response.headers.get('Set-Cookie') ?? '';
  return header.split(';')[0] ?? '';
}

/** Signs in through the login form; returns the session cookie. */
export async function signIn(name: string, client = '198.51.100.1'): Promise<string> {
  const response = await desk('/desk/login', {
    form: { name, token: ADMIN_TOKEN },
    headers: { 'CF-Connecting-IP': client },
  });
  if (response.status !== 303) throw new Error(`login answered ${response.status}`);
  return cookieOf(response);
}

/** The form token on a desk page (every form carries the same one per session). */
export function formTokenOf(html: string): string {
  const match = /name="_token" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no form token on the page');
  return match[1];
}

/** Signs in and reads the session's form token from the queue page. */
export async function openDesk(name: string): Promise<{ cookie: string; token: string }> {
  const cookie = await signIn(name);
  const page = await desk('/desk/', { cookie });
  return { cookie, token: formTokenOf(await page.text()) };
}
