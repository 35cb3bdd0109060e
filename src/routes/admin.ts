/**
 * The editorial API, /api/v1/admin/…: HTTP only. Authentication, body limits, content types
 * and shape validation happen here; what a change does is decided in workflows/editorial/, and
 * the weeks it touched are rebuilt (workflows/summaries/) after the response.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { AppEnv } from '../app-env.ts';
import { snapshotText, type DocumentState } from '../db/editorial.ts';
import { getRevision, listRevisions } from '../db/revisions.ts';
import { DomainError, ERROR_STATUS, invalidFields } from '../services/domain-error.ts';
import { isIsoWeek, getWeekRange } from '../services/iso-week.ts';
import { CONTENT_LANGUAGES, EDITIONS, isContentLanguage } from '../services/languages.ts';
import { publishFeedChanges, sendWithFetch } from '../services/websub.ts';
import { correctDocument } from '../workflows/editorial/correct.ts';
import { setDocumentDeleted } from '../workflows/editorial/delete-restore.ts';
import { requireDocument } from '../workflows/editorial/documents.ts';
import { draftMissingLanguages } from '../workflows/editorial/machine-drafts.ts';
import { submitDocument } from '../workflows/editorial/submit.ts';
import { saveTranslation } from '../workflows/editorial/translate.ts';
import { rebuildChangedWeeks } from '../workflows/summaries/build-week.ts';
import { rebuildWeeksLater } from '../workflows/summaries/rebuild-later.ts';
import { approveTranslation, restoreRevision } from '../workflows/editorial/review.ts';

/** JSON bodies; a submission carrying a raw capture may be larger (see README). */
export const JSON_LIMIT = 64 * 1024;
export const RAW_IMPORT_LIMIT = 1024 * 1024;

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

const submissionShape = z
  .object({
    raw: z.string().min(1).max(RAW_IMPORT_LIMIT).optional(),
    headline: text(300).optional(),
    headlineIsEditorial: z.boolean().optional(),
    paragraphs: z.array(text(20_000)).min(1).max(500).optional(),
    sourceName: text(200),
    sourceUrl: z.url({ protocol: /^https?$/ }).max(2000),
    publishedOn: isoDate,
    publishedNote: z.string().trim().max(300).nullish(),
    language: z.enum(CONTENT_LANGUAGES),
    photoCredit: z.string().trim().max(300).nullish(),
    slug: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase ASCII words joined by hyphens')
      .max(120)
      .optional(),
    // Left out on a re-submission of a known URL, they keep what the desk has set.
    topics: z.array(z.string()).max(12).optional(),
    entities: z.array(z.string()).max(50).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.raw === undefined && value.paragraphs === undefined) {
      ctx.addIssue({ code: 'custom', path: ['raw'], message: 'send either raw or headline and paragraphs' });
    }
    if (value.raw !== undefined && value.paragraphs !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['paragraphs'], message: 'send raw or paragraphs, not both' });
    }
    if (value.paragraphs !== undefined && value.headline === undefined) {
      ctx.addIssue({ code: 'custom', path: ['headline'], message: 'required with paragraphs' });
    }
  });

const patchShape = z
  .object({
    revision: z.number().int().min(1),
    headline: text(300).optional(),
    sourceName: text(200).optional(),
    sourceUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    publishedOn: isoDate.optional(),
    publishedNote: z.string().trim().max(300).nullish(),
    photoCredit: z.string().trim().max(300).nullish(),
    topics: z.array(z.string()).max(12).optional(),
    entities: z.array(z.string()).max(50).optional(),
  })
  .strict();

const translationShape = z
  .object({
    revision: z.number().int().min(0).optional(),
    headline: text(300),
    paragraphs: z.array(z.string().trim().max(20_000)).min(1).max(500),
  })
  .strict();

type Fields = Record<string, string>;

export function fail(c: Context<AppEnv>, status: ContentfulStatusCode, code: string, message: string, fields?: Fields) {
  return c.json({ error: { code, message, ...(fields ? { fields } : {}) } }, status);
}

function fieldsOf(error: z.ZodError): Fields {
  const fields: Fields = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'body';
    fields[key] ??= issue.message;
  }
  return fields;
}

// fatal: a body that is not UTF-8 is refused, never repaired with U+FFFD behind the editor's back.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Reads a JSON body as sent: 415 for another content type, 400 if it is not UTF-8 or not JSON. */
async function readJsonBody(c: Context<AppEnv>): Promise<{ parsed: unknown; size: number }> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new DomainError('unsupported_media_type', 'Send the body as application/json.');
  }
  const bytes = await c.req.arrayBuffer();
  let text: string;
  try {
    text = STRICT_UTF8.decode(bytes);
  } catch {
    throw new DomainError('invalid_json', 'The body is not valid UTF-8.');
  }
  try {
    return { parsed: JSON.parse(text) as unknown, size: bytes.byteLength };
  } catch {
    throw new DomainError('invalid_json', 'The body is not valid JSON.');
  }
}

function validateBody<T>(shape: z.ZodType<T>, parsed: unknown): T {
  const result = shape.safeParse(parsed);
  if (!result.success) throw invalidFields(fieldsOf(result.error));
  return result.data;
}

/** Reads and validates a JSON body: 415 for another content type, 400 if unreadable, 422 if invalid. */
export async function readJson<T>(c: Context<AppEnv>, shape: z.ZodType<T>): Promise<{ value: T; size: number }> {
  const { parsed, size } = await readJsonBody(c);
  return { value: validateBody(shape, parsed), size };
}

export function limit(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: (c) =>
      c.json({ error: { code: 'payload_too_large', message: `The body is larger than ${maxSize} bytes.` } }, 413),
  });
}

async function sha256(value: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
}

/** Who made a change, and when: the editor's name from X-Editor (the shared token cannot tell). */
function changeOf(c: Context<AppEnv>) {
  const name = (c.req.header('X-Editor') ?? '').replace(/[\p{Cc}]/gu, '').trim();
  return { author: name.slice(0, 80) || 'editor', at: new Date().toISOString() };
}

/** Plain decimal digits only: `Number()` would also read "1e0", "0x1" and " 1" as 1. */
function readPositiveInteger(text: string): number | null {
  if (!/^[1-9][0-9]{0,14}$/.test(text)) return null;
  return Number(text);
}

function parseId(c: Context<AppEnv>): number {
  const id = readPositiveInteger(c.req.param('id') ?? '');
  if (id === null) throw new DomainError('not_found', 'No such document.');
  return id;
}

/** The weeks a change touched are rebuilt after the response (workflows/summaries/rebuild-later.ts). */
function rebuildAfterResponse(c: Context<AppEnv>, weeks: readonly string[], before?: () => Promise<void>): void {
  rebuildWeeksLater(c.executionCtx, c.get('db'), c.env, weeks, before);
}

function documentView(state: DocumentState) {
  return {
    id: state.id,
    revision: state.revision,
    deletedAt: state.deletedAt,
    isoWeek: state.isoWeek,
    ...state.meta,
    texts: Object.fromEntries(
      Object.entries(state.texts).map(([lang, stored]) => [
        lang,
        { revision: stored.revision, ...snapshotText(stored) },
      ]),
    ),
  };
}

export const admin = new Hono<AppEnv>();

/** Bearer token, compared as SHA-256 digests in constant time. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.env.ADMIN_TOKEN;
  // No secret, no API: never fall open.
  if (!expected) return fail(c, 503, 'admin_disabled', 'The editorial API is disabled: ADMIN_TOKEN is not set.');
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '')?.[1];
  // Digests first, so the comparison takes the same time whatever was sent.
  const [given, wanted] = await Promise.all([sha256(presented ?? ''), sha256(expected)]);
  const matches = crypto.subtle.timingSafeEqual(given, wanted);
  if (presented === undefined) {
    c.header('WWW-Authenticate', 'Bearer realm="silk-digest-admin"');
    return fail(c, 401, 'unauthorized', 'Send Authorization: Bearer <token>.');
  }
  if (!matches) return fail(c, 403, 'forbidden', 'This token is not allowed.');
  c.header('Cache-Control', 'no-store');
  await next();
});

admin.use('/api/v1/admin/*', authenticate);

admin.post('/api/v1/admin/documents', limit(RAW_IMPORT_LIMIT), async (c) => {
  // Size before fields: a body over the JSON limit that is not a raw capture is "too large"
  // (413), whatever else is wrong with it.
  const { parsed, size } = await readJsonBody(c);
  const isRaw = typeof parsed === 'object' && parsed !== null && 'raw' in parsed;
  if (!isRaw && size > JSON_LIMIT) {
    return fail(c, 413, 'payload_too_large', `Only raw captures may exceed ${JSON_LIMIT} bytes.`);
  }
  const value = validateBody(submissionShape, parsed);
  const outcome = await submitDocument(c.get('db'), value, changeOf(c));
  if (outcome.status !== 'created') {
    rebuildAfterResponse(c, outcome.rebuild);
    return c.json({ status: outcome.status, id: outcome.id }, 200);
  }
  const { id, slug, revision } = outcome;
  const ai = c.env.AI;
  const db = c.get('db');
  rebuildAfterResponse(c, outcome.rebuild, ai ? () => draftMissingLanguages(db, ai, id) : undefined);
  c.header('Location', `/api/v1/admin/documents/${id}`);
  return c.json({ status: 'created', id, slug, revision }, 201);
});

admin.get('/api/v1/admin/documents/:id', async (c) => {
  return c.json(documentView(await requireDocument(c.get('db'), parseId(c))));
});

admin.patch('/api/v1/admin/documents/:id', limit(JSON_LIMIT), async (c) => {
  const id = parseId(c);
  const { value } = await readJson(c, patchShape);
  const { state, rebuild } = await correctDocument(c.get('db'), id, value, changeOf(c));
  rebuildAfterResponse(c, rebuild);
  return c.json(documentView(state));
});

admin.put('/api/v1/admin/documents/:id/translations/:lang', limit(JSON_LIMIT), async (c) => {
  const id = parseId(c);
  const lang = c.req.param('lang');
  if (!isContentLanguage(lang)) return fail(c, 404, 'not_found', `No language "${lang}": use en, uz or ja.`);
  const { value } = await readJson(c, translationShape);
  const { revision, rebuild } = await saveTranslation(c.get('db'), id, lang, value, changeOf(c));
  rebuildAfterResponse(c, rebuild);
  return c.json({ id, lang, revision }, revision === 1 ? 201 : 200);
});

async function setDeleted(c: Context<AppEnv>, deleted: boolean) {
  const { state, rebuild } = await setDocumentDeleted(c.get('db'), parseId(c), deleted, changeOf(c));
  rebuildAfterResponse(c, rebuild);
  return c.json(documentView(state));
}

admin.delete('/api/v1/admin/documents/:id', (c) => setDeleted(c, true));
admin.post('/api/v1/admin/documents/:id/restore', (c) => setDeleted(c, false));

admin.get('/api/v1/admin/documents/:id/revisions', async (c) => {
  const id = parseId(c);
  await requireDocument(c.get('db'), id);
  return c.json({ id, revisions: await listRevisions(c.get('db'), id) });
});

admin.get('/api/v1/admin/documents/:id/revisions/:lang/:number', async (c) => {
  const id = parseId(c);
  const number = readPositiveInteger(c.req.param('number'));
  const revision = number === null ? null : await getRevision(c.get('db'), id, c.req.param('lang'), number);
  if (!revision) return fail(c, 404, 'not_found', 'No such revision.');
  return c.json(revision);
});

const revisionShape = z.object({ revision: z.number().int().min(0) }).strict();

// The desk's "approve" (src/desk/routes/document.tsx): a machine translation becomes reviewed.
admin.post('/api/v1/admin/documents/:id/translations/:lang/approve', limit(JSON_LIMIT), async (c) => {
  const id = parseId(c);
  const lang = c.req.param('lang');
  if (!isContentLanguage(lang)) return fail(c, 404, 'not_found', `No language "${lang}": use en, uz or ja.`);
  const { value } = await readJson(c, revisionShape);
  const { revision, changed, rebuild } = await approveTranslation(c.get('db'), id, lang, value.revision, changeOf(c));
  rebuildAfterResponse(c, rebuild);
  return c.json({ id, lang, revision, changed });
});

// The desk's "restore this revision" (src/desk/routes/history.tsx): a new revision with that state.
admin.post('/api/v1/admin/documents/:id/revisions/:lang/:number/restore', limit(JSON_LIMIT), async (c) => {
  const id = parseId(c);
  const number = Number(c.req.param('number'));
  if (!/^\d{1,9}$/.test(c.req.param('number'))) return fail(c, 404, 'not_found', 'No such revision.');
  const { value } = await readJson(c, revisionShape);
  const lang = c.req.param('lang');
  const { revision, rebuild } = await restoreRevision(c.get('db'), id, lang, number, value.revision, changeOf(c));
  rebuildAfterResponse(c, rebuild);
  return c.json({ id, lang, revision });
});

admin.post('/api/v1/admin/rebuild', async (c) => {
  const week = c.req.query('week') ?? '';
  if (!isIsoWeek(week) || !getWeekRange(week)) {
    return fail(c, 422, 'invalid_fields', 'Some fields are invalid.', { week: 'an ISO week such as 2025-W51' });
  }
  const clock = { at: new Date().toISOString(), timeZone: c.env.DIGEST_TIME_ZONE || 'UTC' };
  const rowsChanged = await rebuildChangedWeeks(c.get('db'), [week], clock);
  if (rowsChanged > 0) await publishFeedChanges(c.env, EDITIONS, sendWithFetch);
  return c.json({ week, rowsChanged });
});

admin.all('/api/v1/admin/*', (c) => fail(c, 404, 'not_found', 'No such editorial endpoint.'));

/** The admin API's errors as JSON; the sources endpoints (admin-sources.ts) share it. */
export function handleAdminError(error: Error, c: Context<AppEnv>) {
  if (error instanceof DomainError) {
    return c.json({ error: { code: error.code, message: error.message, ...error.details } }, ERROR_STATUS[error.code]);
  }
  console.error(JSON.stringify({ message: 'editorial API error', path: c.req.path, error: String(error) }));
  return fail(c, 500, 'internal', 'The change could not be saved; nothing was changed.');
}

admin.onError(handleAdminError);
