/**
 * Reading desk forms: only string fields (no files), with the change stamp of the editor at
 * the desk. The body was already parsed by the guard (hono caches it per request).
 */
import type { Context } from 'hono';
import { DomainError } from '../../services/domain-error.ts';
import type { ChangeStamp } from '../../workflows/editorial/documents.ts';
import type { DeskEnv } from '../desk-env.ts';

export type FormFields = Record<string, string>;

export async function readForm(c: Context<DeskEnv>): Promise<FormFields> {
  const body = await c.req.parseBody();
  const fields: FormFields = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') fields[name] = value;
  return fields;
}

/** A non-negative integer field (a revision number), or a 404-free 422 on nonsense. */
export function readCount(fields: FormFields, name: string): number {
  const value = fields[name] ?? '';
  if (!/^\d{1,9}$/.test(value))
    throw new DomainError('invalid_fields', 'Some fields are invalid.', { fields: { [name]: 'a number' } });
  return Number(value);
}

/** The document id of the path; anything but plain decimal digits is no document. */
export function readDocumentId(c: Context<DeskEnv>): number {
  const raw = c.req.param('id') ?? '';
  if (!/^[1-9]\d{0,9}$/.test(raw)) throw new DomainError('not_found', 'No such document.');
  return Number(raw);
}

/** Desk changes are recorded under the signed-in editor (Access email or session name). */
export function changeOf(c: Context<DeskEnv>): ChangeStamp {
  return { author: c.get('editor').name, at: new Date().toISOString() };
}
