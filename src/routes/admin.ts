/**
 * The editorial API, /api/v1/admin/…: HTTP only. Authentication, body limits, content types
 * and shape validation happen here; the rules live in services/editorial.ts and the writes,
 * each one revisioned D1 batch, in db/editorial.ts.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { AppEnv } from '../app-env.ts';
import {
  findDocumentByUrl,
  getRevision,
  getWeekFingerprint,
  insertDocument,
  isSlugTaken,
  linkSource,
  listNeighbours,
  listRevisions,
  listUnknownEntities,
  loadDocumentState,
  putText,
  snapshotText,
  updateMeta,
  type DocumentState,
} from '../db/editorial.ts';
import { publishFeedChanges, rebuildWeek } from '../scheduled.ts';
import {
  EditorialError,
  estimateOverlap,
  NEAR_DUPLICATE,
  prepareSubmission,
  prepareText,
  RevisionConflict,
  validateTopics,
  type MetaSnapshot,
  type Submission,
} from '../services/editorial.ts';
import { getIsoWeek, getWeekRange, isIsoWeek } from '../services/iso-week.ts';
import { draftTranslation, TRANSLATION_MODEL } from '../services/machine-translation.ts';
import { CONTENT_LANGUAGES, EDITIONS, isContentLanguage } from '../services/languages.ts';
import { sendWithFetch } from '../services/websub.ts';

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

function fail(c: Context<AppEnv>, status: ContentfulStatusCode, code: string, message: string, fields?: Fields) {
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

class BadRequest extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: Fields,
  ) {
    super(message);
  }
}

/** Reads and validates a JSON body: 415 for another content type, 400 if unparsable, 422 if invalid. */
async function readJson<T>(c: Context<AppEnv>, shape: z.ZodType<T>): Promise<{ value: T; size: number }> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new BadRequest(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const body = await c.req.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new BadRequest(400, 'invalid_json', 'The body is not valid JSON.');
  }
  const result = shape.safeParse(parsed);
  if (!result.success) {
    throw new BadRequest(422, 'invalid_fields', 'Some fields are invalid.', fieldsOf(result.error));
  }
  return { value: result.data, size: new TextEncoder().encode(body).length };
}

function limit(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: (c) =>
      c.json({ error: { code: 'payload_too_large', message: `The body is larger than ${maxSize} bytes.` } }, 413),
  });
}

async function sha256(value: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
}

/** Who made a change: the editor's name from X-Editor (the shared token cannot tell). */
function authorOf(c: Context<AppEnv>): string {
  const name = (c.req.header('X-Editor') ?? '').replace(/[\p{Cc}]/gu, '').trim();
  return name.slice(0, 80) || 'editor';
}

function parseId(c: Context<AppEnv>): number {
  const id = Number(c.req.param('id'));
  if (!Number.isSafeInteger(id) || id < 1) throw new BadRequest(404, 'not_found', 'No such document.');
  return id;
}

async function requireDocument(c: Context<AppEnv>, id: number): Promise<DocumentState> {
  const state = await loadDocumentState(c.get('db'), id);
  if (!state) throw new BadRequest(404, 'not_found', 'No such document.');
  return state;
}

async function checkEntities(c: Context<AppEnv>, slugs: readonly string[]): Promise<void> {
  const unknown = await listUnknownEntities(c.get('db'), slugs);
  if (unknown.length > 0) {
    throw new BadRequest(422, 'invalid_fields', 'Some fields are invalid.', {
      entities: `unknown entities: ${unknown.join(', ')}`,
    });
  }
}

/**
 * Rebuilds the summaries of the weeks a change touched, after the response (waitUntil); the
 * next cron run would catch them anyway, since their fingerprint changed.
 */
function scheduleRebuild(c: Context<AppEnv>, weeks: readonly string[], before?: () => Promise<void>): void {
  const db = c.get('db');
  const at = new Date().toISOString();
  const timeZone = c.env.DIGEST_TIME_ZONE || 'UTC';
  const work = (async () => {
    await before?.();
    let changed = 0;
    for (const week of new Set(weeks)) {
      changed += await rebuildWeek(db, week, await getWeekFingerprint(db, week), { at, timeZone });
    }
    if (changed > 0) await publishFeedChanges(c.env, EDITIONS, sendWithFetch);
  })().catch((error: unknown) => {
    console.error(JSON.stringify({ message: 'background rebuild failed', weeks, error: String(error) }));
  });
  c.executionCtx.waitUntil(work);
}

/**
 * With a Workers AI binding, drafts the languages a new document lacks (origin 'machine',
 * labelled to readers). An editor's text always wins: a draft only fills an empty language,
 * and a failed draft leaves the English fallback, never an error for the editor.
 */
function draftMissingLanguages(c: Context<AppEnv>, id: number): (() => Promise<void>) | undefined {
  const ai = c.env.AI;
  if (!ai) return undefined;
  const db = c.get('db');
  return async () => {
    const state = await loadDocumentState(db, id);
    const from = state?.meta.originalLanguage;
    const source = from ? state.texts[from] : undefined;
    if (!state || !from || !isContentLanguage(from) || !source) return;
    for (const to of CONTENT_LANGUAGES) {
      if (to === from || state.texts[to]) continue;
      try {
        const draft = await draftTranslation(ai, snapshotText(source), from, to);
        const kinds = source.blocks.map((block) => block.kind);
        const text = await prepareText(to, draft.headline, draft.paragraphs, kinds);
        await putText(db, state, to, null, text, {
          author: `machine:${TRANSLATION_MODEL}`,
          at: new Date().toISOString(),
          origin: 'machine',
        });
      } catch (error) {
        console.error(JSON.stringify({ message: 'machine draft failed', id, to, error: String(error) }));
      }
    }
  };
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
const authenticate = createMiddleware<AppEnv>(async (c, next) => {
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
  const { value, size } = await readJson(c, submissionShape);
  if (value.raw === undefined && size > JSON_LIMIT) {
    return fail(c, 413, 'payload_too_large', `Only raw captures may exceed ${JSON_LIMIT} bytes.`);
  }
  await checkEntities(c, value.entities ?? []);
  const db = c.get('db');
  const author = authorOf(c);
  const at = new Date().toISOString();
  const existing = await findDocumentByUrl(db, value.sourceUrl.trim());

  // A URL already linked as another source of a document: that report is known; nothing to do.
  if (existing?.linked) return c.json({ status: 'merged', id: existing.id }, 200);
  const state = existing ? await requireDocument(c, existing.id) : null;
  const doc = await prepareSubmission({
    ...value,
    // An untitled capture of a known report keeps the headline the desk gave it.
    headline: value.headline ?? (value.raw !== undefined ? state?.texts[value.language]?.headline : undefined),
    topics: value.topics ?? state?.meta.topics ?? [],
    entities: value.entities ?? state?.meta.entities ?? [],
  } as Submission);

  // The same URL again is a correction of what we have: a new revision, not a new document.
  if (state) {
    const weeks = [state.isoWeek, doc.isoWeek];
    const next: MetaSnapshot = {
      ...state.meta,
      sourceName: doc.sourceName,
      publishedOn: doc.publishedOn,
      publishedNote: doc.publishedNote,
      photoCredit: doc.photoCredit,
      topics: doc.topics,
      entities: doc.entities,
    };
    let changed = false;
    if (JSON.stringify(next) !== JSON.stringify(state.meta)) {
      await updateMeta(db, state, state.revision, next, { author, at, action: 'update' });
      changed = true;
    }
    const stored = state.texts[doc.language];
    if (stored?.contentHash !== doc.text.contentHash) {
      const fresh = (await loadDocumentState(db, state.id)) ?? state;
      await putText(db, fresh, doc.language, stored?.revision ?? 0, doc.text, {
        author,
        at,
        origin: doc.language === state.meta.originalLanguage ? 'source' : 'human',
      });
      changed = true;
    }
    if (changed) scheduleRebuild(c, weeks);
    return c.json({ status: changed ? 'updated' : 'unchanged', id: state.id }, 200);
  }

  // Near-identical text from another source: the same report, linked as another source.
  const fullText = [doc.text.headline, ...doc.text.blocks.map((block) => block.text)].join(' ');
  for (const neighbour of await listNeighbours(db, doc.publishedOn, doc.language)) {
    if (estimateOverlap(fullText, neighbour.text) >= NEAR_DUPLICATE) {
      await linkSource(db, neighbour.id, doc, at);
      return c.json({ status: 'merged', id: neighbour.id }, 200);
    }
  }

  if (await isSlugTaken(db, doc.slug)) {
    if (value.slug !== undefined) return fail(c, 409, 'slug_taken', `The slug "${doc.slug}" is taken.`);
    doc.slug = `${doc.slug}-${doc.publishedOn}`;
    for (let n = 2; await isSlugTaken(db, doc.slug); n++) doc.slug = `${doc.slug.replace(/-\d+$/, '')}-${n}`;
  }
  const id = await insertDocument(db, doc, author, at);
  scheduleRebuild(c, [doc.isoWeek], draftMissingLanguages(c, id));
  c.header('Location', `/api/v1/admin/documents/${id}`);
  return c.json({ status: 'created', id, slug: doc.slug, revision: 1 }, 201);
});

admin.get('/api/v1/admin/documents/:id', async (c) => {
  return c.json(documentView(await requireDocument(c, parseId(c))));
});

admin.patch('/api/v1/admin/documents/:id', limit(JSON_LIMIT), async (c) => {
  const id = parseId(c);
  const { value } = await readJson(c, patchShape);
  const state = await requireDocument(c, id);
  if (state.deletedAt !== null) return fail(c, 409, 'deleted', 'The document is deleted; restore it first.');
  if (value.entities) await checkEntities(c, value.entities);
  const next: MetaSnapshot = {
    ...state.meta,
    ...(value.sourceName !== undefined && { sourceName: value.sourceName }),
    ...(value.sourceUrl !== undefined && { sourceUrl: value.sourceUrl }),
    ...(value.publishedOn !== undefined && { publishedOn: value.publishedOn }),
    ...(value.publishedNote !== undefined && { publishedNote: value.publishedNote ?? null }),
    ...(value.photoCredit !== undefined && { photoCredit: value.photoCredit ?? null }),
    ...(value.topics !== undefined && { topics: validateTopics(value.topics) }),
    ...(value.entities !== undefined && { entities: [...new Set(value.entities)] }),
    ...(value.headline !== undefined && { headlineIsEditorial: true }),
  };
  if (next.sourceUrl !== state.meta.sourceUrl) {
    const owner = await findDocumentByUrl(c.get('db'), next.sourceUrl);
    if (owner !== null && owner.id !== id) return fail(c, 409, 'url_taken', 'Another document has this source URL.');
  }
  await updateMeta(c.get('db'), state, value.revision, next, {
    author: authorOf(c),
    at: new Date().toISOString(),
    action: 'update',
    headline: value.headline,
  });
  scheduleRebuild(c, [state.isoWeek, getIsoWeek(next.publishedOn)]);
  return c.json(documentView((await loadDocumentState(c.get('db'), id)) ?? state));
});

admin.put('/api/v1/admin/documents/:id/translations/:lang', limit(JSON_LIMIT), async (c) => {
  const id = parseId(c);
  const lang = c.req.param('lang');
  if (!isContentLanguage(lang)) return fail(c, 404, 'not_found', `No language "${lang}": use en, uz or ja.`);
  const { value } = await readJson(c, translationShape);
  const state = await requireDocument(c, id);
  if (state.deletedAt !== null) return fail(c, 409, 'deleted', 'The document is deleted; restore it first.');
  const source = state.texts[state.meta.originalLanguage];
  const kinds = source?.blocks.map((block) => block.kind) ?? [];
  if (value.paragraphs.length !== kinds.length) {
    return fail(c, 422, 'invalid_fields', 'Some fields are invalid.', {
      paragraphs: `the original has ${kinds.length} paragraphs; send one translation for each`,
    });
  }
  const prepared = await prepareText(lang, value.headline, value.paragraphs, kinds);
  const revision = await putText(c.get('db'), state, lang, value.revision ?? null, prepared, {
    author: authorOf(c),
    at: new Date().toISOString(),
    origin: lang === state.meta.originalLanguage ? 'source' : 'human',
  });
  scheduleRebuild(c, [state.isoWeek]);
  return c.json({ id, lang, revision }, revision === 1 ? 201 : 200);
});

async function setDeleted(c: Context<AppEnv>, deleted: boolean) {
  const id = parseId(c);
  const state = await requireDocument(c, id);
  if ((state.deletedAt !== null) === deleted) return c.json(documentView(state));
  await updateMeta(
    c.get('db'),
    state,
    state.revision,
    { ...state.meta, deleted },
    { author: authorOf(c), at: new Date().toISOString(), action: deleted ? 'delete' : 'restore' },
  );
  scheduleRebuild(c, [state.isoWeek]);
  return c.json(documentView((await loadDocumentState(c.get('db'), id)) ?? state));
}

admin.delete('/api/v1/admin/documents/:id', (c) => setDeleted(c, true));
admin.post('/api/v1/admin/documents/:id/restore', (c) => setDeleted(c, false));

admin.get('/api/v1/admin/documents/:id/revisions', async (c) => {
  const id = parseId(c);
  await requireDocument(c, id);
  return c.json({ id, revisions: await listRevisions(c.get('db'), id) });
});

admin.get('/api/v1/admin/documents/:id/revisions/:lang/:number', async (c) => {
  const id = parseId(c);
  const number = Number(c.req.param('number'));
  const revision = Number.isSafeInteger(number)
    ? await getRevision(c.get('db'), id, c.req.param('lang'), number)
    : null;
  if (!revision) return fail(c, 404, 'not_found', 'No such revision.');
  return c.json(revision);
});

admin.post('/api/v1/admin/rebuild', async (c) => {
  const week = c.req.query('week') ?? '';
  if (!isIsoWeek(week) || !getWeekRange(week)) {
    return fail(c, 422, 'invalid_fields', 'Some fields are invalid.', { week: 'an ISO week such as 2025-W51' });
  }
  const db = c.get('db');
  const clock = { at: new Date().toISOString(), timeZone: c.env.DIGEST_TIME_ZONE || 'UTC' };
  const rowsChanged = await rebuildWeek(db, week, await getWeekFingerprint(db, week), clock);
  return c.json({ week, rowsChanged });
});

admin.all('/api/v1/admin/*', (c) => fail(c, 404, 'not_found', 'No such editorial endpoint.'));

admin.onError((error, c) => {
  if (error instanceof BadRequest) return fail(c, error.status, error.code, error.message, error.fields);
  if (error instanceof RevisionConflict) {
    return c.json({ error: { code: 'revision_conflict', message: error.message, current: error.current } }, 409);
  }
  if (error instanceof EditorialError) {
    return fail(c, 422, 'invalid_fields', 'Some fields are invalid.', { [error.field]: error.message });
  }
  console.error(JSON.stringify({ message: 'editorial API error', path: c.req.path, error: String(error) }));
  return fail(c, 500, 'internal', 'The change could not be saved; nothing was changed.');
});
