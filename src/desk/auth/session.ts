/**
 * The desk's own session, for deployments without Cloudflare Access: after the login form, a
 * cookie holding `nonce.expiry.name`, signed with HMAC-SHA256 under DESK_SESSION_SECRET
 * (hono's signed cookie, verified with crypto.subtle in constant time). The expiry is inside
 * the signed value, so a client cannot extend it; changing the secret ends every session.
 * Form tokens are HMACs of the session's nonce under the same secret: a page from another
 * site can neither read nor compute them.
 */
import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { toHex } from '../../services/hash.ts';

const SESSION_COOKIE = 'desk_session';
const SESSION_SECONDS = 12 * 60 * 60;
const COOKIE_PATH = '/desk';

export interface SessionEditor {
  name: string;
  /** Random per login; what the form token is bound to. */
  nonce: string;
}

function randomNonce(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

/** Control characters out, whitespace folded, at most 80 characters: it is shown and stored. */
export function cleanEditorName(name: string): string {
  return name
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
}

export async function startSession(c: Context, secret: string, name: string, now = Date.now()): Promise<void> {
  const expires = Math.floor(now / 1000) + SESSION_SECONDS;
  const value = `${randomNonce()}.${expires}.${encodeURIComponent(name)}`;
  await setSignedCookie(c, SESSION_COOKIE, value, secret, {
    path: COOKIE_PATH,
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    maxAge: SESSION_SECONDS,
  });
}

export function endSession(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: COOKIE_PATH, secure: true, httpOnly: true, sameSite: 'Strict' });
}

/** The session's editor, or null when there is no cookie, a bad signature or it has expired. */
export async function readSession(c: Context, secret: string, now = Date.now()): Promise<SessionEditor | null> {
  const value = await getSignedCookie(c, secret, SESSION_COOKIE);
  if (typeof value !== 'string') return null;
  const match = /^([0-9a-f]{32})\.(\d{1,12})\.(.+)$/.exec(value);
  if (!match) return null;
  const [, nonce = '', expires = '0', encodedName = ''] = match;
  if (Number(expires) * 1000 <= now) return null;
  let name: string;
  try {
    name = cleanEditorName(decodeURIComponent(encodedName));
  } catch {
    return null;
  }
  return name ? { name, nonce } : null;
}

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

function toBase64Url(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** The form token of a session (or an Access identity): HMAC(secret, "form:" + key). */
export async function createFormToken(secret: string, sessionKey: string): Promise<string> {
  const key = await hmacKey(secret);
  return toBase64Url(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`form:${sessionKey}`)));
}

/** Constant-time check of a submitted form token (crypto.subtle.verify). */
export async function checkFormToken(secret: string, sessionKey: string, token: string): Promise<boolean> {
  const signature = fromBase64Url(token);
  if (!signature) return false;
  const key = await hmacKey(secret);
  return crypto.subtle.verify('HMAC', key, signature, new TextEncoder().encode(`form:${sessionKey}`));
}
