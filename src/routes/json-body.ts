/**
 * The admin API's request gate, as route middleware that answers before any validation: the
 * body's size (413), its media type (415), its bytes (400 unless strict UTF-8 JSON), and the
 * path's document id (404 unless plain decimal digits). A body that passes is left to the
 * route's zod schema (422 with a message per field).
 */
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import type { z } from 'zod';
import { DomainError, invalidFields } from '../services/domain-error.ts';
import { isContentLanguage } from '../services/languages.ts';

/** JSON bodies; a submission carrying a raw capture may be larger (see README). */
export const JSON_LIMIT = 64 * 1024;
export const RAW_IMPORT_LIMIT = 1024 * 1024;

/**
 * 413 over `maxSize` bytes, from Content-Length before reading, else while streaming; thrown, so
 * that the app's one onError answers it like every other error.
 */
export function limitBody(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new DomainError('payload_too_large', `The body is larger than ${maxSize} bytes.`);
    },
  });
}

// fatal: bytes that are not UTF-8 are refused, never read as U+FFFD into stored text.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * 415 unless `application/json`; 400 unless strict UTF-8 and JSON. A body without a `raw`
 * capture is held to JSON_LIMIT whatever the route's own limit (so an oversized one is a 413,
 * not a field error). Hono keeps the bytes read here, so the route's validator reads them again
 * without touching the stream.
 */
export const readJsonBody = createMiddleware<AppEnv>(async (c, next) => {
  if (!/^application\/json\s*(;|$)/i.test(c.req.header('Content-Type') ?? '')) {
    throw new DomainError('unsupported_media_type', 'Send the body as application/json.');
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(bytes));
  } catch (error) {
    if (error instanceof SyntaxError) throw new DomainError('invalid_json', 'The body is not valid JSON.');
    throw new DomainError('invalid_json', 'The body is not valid UTF-8.');
  }
  const isCapture = typeof parsed === 'object' && parsed !== null && 'raw' in parsed;
  if (!isCapture && bytes.length > JSON_LIMIT) {
    throw new DomainError('payload_too_large', `Only raw captures may exceed ${JSON_LIMIT} bytes.`);
  }
  await next();
});

/** The admin routes' validation hook: a body that fails its shape is a 422, one message per field. */
export function refuseInvalidFields(result: { success: true } | { success: false; error: z.ZodError }): void {
  if (result.success) return;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || 'body';
    fields[key] ??= issue.message;
  }
  throw invalidFields(fields);
}

/** Plain decimal digits only: `Number()` would also read `1e0`, `0x1`, ` 1` and `1.0` as 1. */
export function parsePositiveInteger(param: string | undefined): number | null {
  return /^[1-9]\d{0,14}$/.test(param ?? '') ? Number(param) : null;
}

/** Only plain decimal digits name a document. */
export function parseDocumentId(param: string | undefined): number {
  const id = parsePositiveInteger(param);
  if (id === null) throw new DomainError('not_found', 'No such document.');
  return id;
}

/** 404 before the body is read, as for an unknown document. */
export const checkDocumentId = createMiddleware<AppEnv>(async (c, next) => {
  parseDocumentId(c.req.param('id'));
  await next();
});

export const checkContentLanguage = createMiddleware<AppEnv>(async (c, next) => {
  const lang = c.req.param('lang') ?? '';
  if (!isContentLanguage(lang)) throw new DomainError('not_found', `No language "${lang}": use en, uz or ja.`);
  await next();
});
