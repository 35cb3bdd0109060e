/**
 * The one error type of the domain and its workflows, and the one code → HTTP status map. Pure:
 * no Hono here; the app's single onError (app.tsx) turns a DomainError into the JSON error shape
 * `{"error": {"code", "message", ...details}}` with the status of its code.
 */
export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_cursor: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  deleted: 409,
  revision_conflict: 409,
  slug_taken: 409,
  url_taken: 409,
  source_exists: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_fields: 422,
  internal: 500,
  admin_disabled: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class DomainError extends Error {
  override name = 'DomainError';
  readonly code: ErrorCode;
  /** More members of the JSON error object, after code and message (`fields`, `current`). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** What an editor sent is invalid: one message per field (the field's path, or 'body'). */
export function invalidFields(fields: Record<string, string>): DomainError {
  return new DomainError('invalid_fields', 'Some fields are invalid.', { fields });
}

/** Someone saved first: the client edited `expected`, the stored revision is `current`. */
export class RevisionConflict extends DomainError {
  override name = 'RevisionConflict';
  readonly expected: number | null;
  readonly current: number;

  constructor(expected: number | null, current: number) {
    super(
      'revision_conflict',
      `revision ${current} is the latest, not ${expected ?? 'none'}: reload, merge and save again`,
      { current },
    );
    this.expected = expected;
    this.current = current;
  }
}
