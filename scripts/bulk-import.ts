/**
 * Bulk import through the editorial API: turns a JSONL file, or a folder of raw captures with
 * its manifest.json, into submissions, and sends them one at a time to
 * POST /api/v1/admin/documents, so every document gets exactly the validation, cleaning,
 * deduplication and revisions an editor's own submission gets. No rule is repeated here.
 *
 * Pure (no Hono, no node: imports, erasable TypeScript only): runs in workerd (tests) and in
 * Node with type stripping (scripts/import.ts). `send` is the only way out.
 */

/** One unit of work. `line` is the 1-based line of a JSONL file, or the manifest entry's number. */
export interface ImportItem {
  line: number;
  label: string;
  submission?: unknown;
  /** Why the item cannot be sent at all (unparsable line, missing file); it is then rejected. */
  error?: string;
}

/** What the API answered: the HTTP status and the parsed JSON body (or the text, if not JSON). */
export interface SendResult {
  status: number;
  body: unknown;
}

export type Send = (submission: unknown) => Promise<SendResult>;

export type AcceptedStatus = 'created' | 'updated' | 'unchanged' | 'merged';

export interface ImportOutcome {
  line: number;
  label: string;
  status: AcceptedStatus;
  id: number | null;
  /** Only for created documents (the API returns it with 201). */
  slug?: string;
}

export interface Rejection {
  line: number;
  label: string;
  reason: string;
}

/**
 * The tally of a run. added + updated + unchanged + merged + skipped + rejected + notAttempted
 * = total: every item is counted exactly once.
 */
export interface ImportReport {
  total: number;
  /** 201 created. */
  added: number;
  /** 200 'updated': same URL, a new revision. */
  updated: number;
  /** 200 'unchanged': same URL, nothing to change. */
  unchanged: number;
  /** 200 'merged': near-identical report from another source, linked to the existing document. */
  merged: number;
  /** Done in an earlier, interrupted run. */
  skipped: number;
  rejected: Rejection[];
  /** Not tried because the run stopped early (see `aborted`). */
  notAttempted: number;
  /** Why the run stopped before the end: a refused token, a disabled API, an interruption. */
  aborted?: string;
  outcomes: ImportOutcome[];
}

export interface ImportOptions {
  /** Lines already done in an earlier interrupted run: not sent, counted as skipped. */
  skip?: ReadonlySet<number>;
  onProgress?: (done: number, total: number) => void;
  /** Called after each line the API accepted (created, updated, unchanged, merged). */
  onDone?: (line: number) => void;
  /** Extra attempts after a network error or a 5xx (default 2). */
  retries?: number;
  /** Pause before retry n is n × this (default 500 ms). */
  retryDelayMs?: number;
  /** Stops the run before the next line (Ctrl-C); the rest is counted as not attempted. */
  signal?: AbortSignal;
}

const ACCEPTED: Record<string, { http: number; status: AcceptedStatus }> = {
  created: { http: 201, status: 'created' },
  updated: { http: 200, status: 'updated' },
  unchanged: { http: 200, status: 'unchanged' },
  merged: { http: 200, status: 'merged' },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function labelOf(value: unknown, fallback: string): string {
  if (isRecord(value)) {
    if (typeof value.sourceUrl === 'string' && value.sourceUrl.trim()) return value.sourceUrl.trim();
    if (typeof value.headline === 'string' && value.headline.trim()) return value.headline.trim().slice(0, 80);
  }
  return fallback;
}

/** One item per non-empty line; a line that is not JSON becomes an item with an error. Never throws. */
export function parseJsonl(text: string): ImportItem[] {
  const items: ImportItem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, index) => {
    const content = raw.replace(/\r$/, '');
    if (!content.trim()) return;
    const line = index + 1;
    try {
      const submission: unknown = JSON.parse(content);
      items.push({ line, label: labelOf(submission, `line ${line}`), submission });
    } catch (error) {
      items.push({
        line,
        label: `line ${line}`,
        error: `invalid JSON: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  });
  return items;
}

/**
 * A folder of raw captures: each manifest entry (content/raw/manifest.json's shape) becomes a
 * raw submission; the API's ingestion cleans it. Topics and entities are sent only when the
 * entry has them. Throws only if the manifest has no
 * `documents` list; a bad entry or a missing file becomes an item with an error.
 */
export function itemsFromManifest(manifest: unknown, files: Record<string, string>): ImportItem[] {
  if (!isRecord(manifest) || !Array.isArray(manifest.documents)) {
    throw new Error('manifest.json: expected { "documents": [ … ] }');
  }
  return manifest.documents.map((entry: unknown, index): ImportItem => {
    const line = index + 1;
    if (!isRecord(entry) || typeof entry.file !== 'string' || !entry.file) {
      return { line, label: `entry ${line}`, error: 'the manifest entry has no "file"' };
    }
    const file = entry.file;
    const raw = Object.hasOwn(files, file) ? files[file] : undefined;
    if (raw === undefined) return { line, label: file, error: `${file}: no such file next to manifest.json` };
    return {
      line,
      label: file,
      submission: {
        raw,
        headline: entry.title ?? undefined,
        sourceName: entry.source,
        sourceUrl: entry.url,
        publishedOn: entry.published,
        publishedNote: entry.published_note,
        language: entry.language,
        // Absent, not empty: for a report the desk already has, the API then keeps its topics.
        topics: entry.topics ?? undefined,
        entities: entry.entities ?? undefined,
      },
    };
  });
}

/** The API's error message and its per-field messages, as one line. */
function describeError(result: SendResult): string {
  const { status, body } = result;
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (error && typeof error.message === 'string') {
    const fields = isRecord(error.fields)
      ? Object.entries(error.fields).map(([field, message]) => `${field}: ${String(message)}`)
      : [];
    return fields.length > 0 ? `${error.message} ${fields.join('; ')}` : error.message;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return `HTTP ${status}${text ? `: ${text.replace(/\s+/g, ' ').trim().slice(0, 200)}` : ''}`;
}

/** Answers no later line can get past: a refused token or a disabled API stop the run. */
function fatalReason(result: SendResult): string | null {
  const code = isRecord(result.body) && isRecord(result.body.error) ? result.body.error.code : undefined;
  if (result.status === 401 || result.status === 403 || code === 'admin_disabled') {
    return `${describeError(result)} (HTTP ${result.status})`;
  }
  return null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Attempt = { result: SendResult } | { failure: string };

/** Sends once, retrying a network error or a 5xx up to `retries` more times. */
async function sendWithRetries(send: Send, submission: unknown, retries: number, delayMs: number): Promise<Attempt> {
  let last = '';
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0 && delayMs > 0) await sleep(delayMs * attempt);
    try {
      const result = await send(submission);
      const retryable = result.status >= 500 && fatalReason(result) === null;
      if (!retryable) return { result };
      last = `${describeError(result)} (HTTP ${result.status})`;
    } catch (error) {
      last = `network error: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return { failure: retries > 0 ? `${last}, after ${retries + 1} attempts` : last };
}

/** Sends the items one after another; a failing line never stops the others. */
export async function runImport(
  items: readonly ImportItem[],
  send: Send,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const { skip, onProgress, onDone, retries = 2, retryDelayMs = 500, signal } = options;
  const report: ImportReport = {
    total: items.length,
    added: 0,
    updated: 0,
    unchanged: 0,
    merged: 0,
    skipped: 0,
    rejected: [],
    notAttempted: 0,
    outcomes: [],
  };
  let done = 0;
  for (const item of items) {
    if (signal?.aborted) {
      report.aborted = 'interrupted';
      break;
    }
    const reject = (reason: string) => report.rejected.push({ line: item.line, label: item.label, reason });
    if (skip?.has(item.line)) {
      report.skipped += 1;
    } else if (item.error !== undefined) {
      reject(item.error);
    } else {
      const attempt = await sendWithRetries(send, item.submission, retries, retryDelayMs);
      if ('failure' in attempt) {
        reject(attempt.failure);
      } else {
        const { result } = attempt;
        const fatal = fatalReason(result);
        if (fatal !== null) {
          report.aborted = fatal;
          break;
        }
        const body = isRecord(result.body) ? result.body : {};
        const accepted = typeof body.status === 'string' ? ACCEPTED[body.status] : undefined;
        if (accepted && accepted.http === result.status) {
          const outcome: ImportOutcome = {
            line: item.line,
            label: item.label,
            status: accepted.status,
            id: typeof body.id === 'number' ? body.id : null,
          };
          if (typeof body.slug === 'string') outcome.slug = body.slug;
          report.outcomes.push(outcome);
          if (accepted.status === 'created') report.added += 1;
          else report[accepted.status] += 1;
          onDone?.(item.line);
        } else if (result.status >= 200 && result.status < 300) {
          reject(`unexpected answer: ${describeError(result)}`);
        } else {
          reject(describeError(result));
        }
      }
    }
    done += 1;
    onProgress?.(done, items.length);
  }
  report.notAttempted = items.length - done;
  return report;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A summary line, then one line per rejected item. */
export function formatReport(report: ImportReport): string {
  const parts = [
    `${report.added} added`,
    `${report.updated} updated`,
    `${report.unchanged} unchanged`,
    `${report.merged} merged`,
    `${report.rejected.length} rejected`,
  ];
  if (report.skipped > 0) parts.push(`${report.skipped} skipped (done in an earlier run)`);
  if (report.notAttempted > 0) parts.push(`${report.notAttempted} not attempted`);
  const lines = [`Import: ${plural(report.total, 'item')}: ${parts.join(', ')}.`];
  if (report.aborted !== undefined) lines.push(`Stopped early: ${report.aborted}`);
  if (report.rejected.length > 0) {
    lines.push('Rejected:');
    for (const { line, label, reason } of report.rejected) {
      const where = label === `line ${line}` ? label : `line ${line} (${label})`;
      lines.push(`  ${where}: ${reason}`);
    }
  }
  return lines.join('\n');
}
