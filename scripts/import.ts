/**
 * npm run import -- <file.jsonl | folder with manifest.json> [--remote]
 *
 * Bulk import through the editorial API (POST /api/v1/admin/documents), one document at a time,
 * so each one is validated, cleaned, deduplicated and revisioned exactly as an editor's own
 * submission is. The work itself is scripts/bulk-import.ts; this file reads the input,
 * chooses the target, shows progress and keeps the resume state.
 *
 *   local (default)  the Worker itself, on the local D1 that `npm run dev` and `npm run seed` use
 *   --remote         $SILK_DIGEST_URL, with Authorization: Bearer $ADMIN_TOKEN
 *
 * Why local mode starts the Worker with wrangler's unstable_startWorker instead of calling the
 * admin routes in-process (getPlatformProxy + app.fetch, as scripts/seed.ts does for the DB):
 * Node's type stripping cannot load them: src/app.tsx is .tsx, which strip-only mode refuses
 * (ERR_UNKNOWN_FILE_EXTENSION), and so is every view the app imports. unstable_startWorker
 * bundles src/index.ts with esbuild, like `wrangler dev`, and runs it in workerd on the same
 * persisted local D1 (.wrangler/state), so the import goes through the whole Worker: same
 * middleware, same waitUntil rebuilds. No `npm run dev` needs to be running, and the bearer
 * token is a random one made for this run and given to the Worker as its ADMIN_TOKEN secret.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import {
  formatReport,
  itemsFromManifest,
  parseJsonl,
  runImport,
  type ImportItem,
  type ImportReport,
  type Send,
} from '../scripts/bulk-import.ts';
import { getIsoWeek } from '../src/services/iso-week.ts';

const ENDPOINT = '/api/v1/admin/documents';
const EDITOR = 'bulk import';
const STATE_DIR = '.import-state';

class UsageError extends Error {}

// --- Input -------------------------------------------------------------------------------

async function readItems(input: string): Promise<ImportItem[]> {
  if (!existsSync(input)) throw new UsageError(`${input}: no such file or folder`);
  if (!statSync(input).isDirectory()) return parseJsonl(await readFile(input, 'utf8'));
  const manifestPath = join(input, 'manifest.json');
  if (!existsSync(manifestPath)) throw new UsageError(`${input}: a folder needs a manifest.json`);
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch (error) {
    throw new UsageError(`${manifestPath}: ${String(error)}`);
  }
  const documents: unknown[] =
    typeof manifest === 'object' && manifest !== null && Array.isArray((manifest as { documents?: unknown }).documents)
      ? (manifest as { documents: unknown[] }).documents
      : [];
  // Only the files the manifest names, and only inside the folder.
  const folder = resolve(input);
  const files: Record<string, string> = {};
  for (const entry of documents) {
    const file = (entry as { file?: unknown } | null)?.file;
    if (typeof file !== 'string') continue;
    const path = resolve(folder, file);
    if (!path.startsWith(folder + sep) || !existsSync(path)) continue;
    files[file] = await readFile(path, 'utf8');
  }
  try {
    return itemsFromManifest(manifest, files);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

// --- Targets -----------------------------------------------------------------------------

interface Target {
  /** Part of the resume state's key: 'local' or the remote origin. */
  name: string;
  send: Send;
  /** Rebuilds the weeks the run changed, synchronously (local only; see below). */
  rebuild?: (weeks: ReadonlySet<string>) => Promise<void>;
  close(): Promise<void>;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function jsonPost(token: string, submission: unknown): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-Editor': EDITOR },
    body: JSON.stringify(submission),
  };
}

function remoteTarget(): Target {
  const base = process.env.SILK_DIGEST_URL?.trim();
  const token = process.env.ADMIN_TOKEN?.trim();
  const missing = [
    !base && 'SILK_DIGEST_URL (the deployed Worker, e.g. https://digest.example.com)',
    !token && 'ADMIN_TOKEN',
  ]
    .filter(Boolean)
    .join(' and ');
  if (!base || !token) throw new UsageError(`--remote needs ${missing} in the environment`);
  let url: URL;
  try {
    url = new URL(`${base.replace(/\/+$/, '')}${ENDPOINT}`);
  } catch {
    throw new UsageError(`SILK_DIGEST_URL is not a URL: ${base}`);
  }
  return {
    name: url.origin + url.pathname,
    async send(submission) {
      const response = await fetch(url, { ...jsonPost(token, submission), signal: AbortSignal.timeout(60_000) });
      return { status: response.status, body: await readBody(response) };
    },
    // In production waitUntil outlives the response: the Worker finishes its own rebuilds.
    close: () => Promise.resolve(),
  };
}

async function localTarget(): Promise<Target> {
  // The import never reads request.cf; don't let miniflare fetch it from the network at startup.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
  const { unstable_startWorker } = await import('wrangler');
  const token = randomBytes(32).toString('hex');
  const worker = await unstable_startWorker({
    config: 'wrangler.toml',
    // A secret_text binding overrides .dev.vars and satisfies [secrets] required.
    bindings: { ADMIN_TOKEN: { type: 'secret_text', value: token } },
    dev: { watch: false, inspector: false, logLevel: 'warn', server: { hostname: '127.0.0.1', port: 0 } },
  });
  await worker.ready;
  const origin = 'http://import.local';
  const post = async (path: string, init: RequestInit) => {
    const response = await worker.fetch(`${origin}${path}`, init as Parameters<typeof worker.fetch>[1]);
    return { status: response.status, body: await readBody(response as unknown as Response) };
  };
  return {
    name: 'local',
    send: (submission) => post(ENDPOINT, jsonPost(token, submission)),
    // Each change schedules its week's rebuild with waitUntil; the last ones could still be
    // running when the local Worker is disposed. Rebuilding the touched weeks through the API,
    // which answers when done, leaves the local summaries as `npm run dev` will show them.
    async rebuild(weeks) {
      for (const week of weeks) {
        const result = await post(`/api/v1/admin/rebuild?week=${encodeURIComponent(week)}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'X-Editor': EDITOR },
        });
        if (result.status !== 200) console.error(`import: rebuilding ${week} failed: HTTP ${result.status}`);
      }
    },
    close: () => worker.dispose(),
  };
}

// --- Resume state ------------------------------------------------------------------------

interface State {
  input: string;
  target: string;
  /** Line → fingerprint of what was sent: an edited line is sent again. */
  done: Record<string, string>;
}

const fingerprint = (item: ImportItem) =>
  createHash('sha256')
    .update(JSON.stringify(item.submission) ?? '')
    .digest('hex');

function statePathFor(input: string, target: string): string {
  const key = createHash('sha256').update(`${input}\n${target}`).digest('hex');
  return join(STATE_DIR, `${key}.json`);
}

function loadState(path: string, input: string, target: string): State {
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as State;
    if (state.input === input && state.target === target && typeof state.done === 'object') return state;
  } catch {
    // No state, or an unreadable one: start afresh (the API's dedup by URL keeps that harmless).
  }
  return { input, target, done: {} };
}

function saveState(path: string, state: State): void {
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(`${path}.tmp`, JSON.stringify(state));
  renameSync(`${path}.tmp`, path);
}

// --- Progress ----------------------------------------------------------------------------

function progressReporter(): { update: (done: number, total: number) => void; end: () => void } {
  const tty = process.stderr.isTTY;
  const width = 30;
  let lastStep = -1;
  let drawn = false;
  return {
    update(done, total) {
      if (tty) {
        const filled = total === 0 ? width : Math.round((done / total) * width);
        process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
        drawn = true;
        return;
      }
      // Not a terminal (CI, a log file): a plain line at every tenth, and at the end.
      const step = Math.floor((done / Math.max(total, 1)) * 10);
      if (step !== lastStep || done === total) {
        lastStep = step;
        console.error(`import: ${done}/${total}`);
      }
    },
    end() {
      if (drawn) process.stderr.write('\n');
    },
  };
}

// --- Main --------------------------------------------------------------------------------

function weeksChanged(items: readonly ImportItem[], report: ImportReport): Set<string> {
  const byLine = new Map(items.map((item) => [item.line, item]));
  const weeks = new Set<string>();
  for (const outcome of report.outcomes) {
    if (outcome.status === 'unchanged') continue;
    const publishedOn = (byLine.get(outcome.line)?.submission as { publishedOn?: unknown } | undefined)?.publishedOn;
    try {
      if (typeof publishedOn === 'string') weeks.add(getIsoWeek(publishedOn));
    } catch {
      // The API accepted it, so it is a date; nothing to rebuild otherwise.
    }
  }
  return weeks;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { remote: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help || positionals.length !== 1) {
    console.error('usage: npm run import -- <file.jsonl | folder with manifest.json> [--remote]');
    return values.help ? 0 : 2;
  }
  const input = resolve(positionals[0] ?? '');
  const items = await readItems(input);
  const target = values.remote ? remoteTarget() : await localTarget();
  const statePath = statePathFor(input, target.name);
  const state = loadState(statePath, input, target.name);
  const byLine = new Map(items.map((item) => [item.line, item]));
  const skip = new Set(items.filter((item) => state.done[item.line] === fingerprint(item)).map((item) => item.line));

  const interrupt = new AbortController();
  const onSignal = () => {
    console.error('\nimport: stopping after the current line (Ctrl-C again to quit at once)');
    interrupt.abort();
    process.off('SIGINT', onSignal);
  };
  process.on('SIGINT', onSignal);

  const progress = progressReporter();
  let report: ImportReport;
  try {
    console.error(
      `import: ${items.length} items from ${input} → ${target.name}` +
        (skip.size > 0 ? ` (${skip.size} done in an earlier run, skipped)` : ''),
    );
    report = await runImport(items, target.send, {
      skip,
      signal: interrupt.signal,
      onProgress: progress.update,
      onDone(line) {
        const item = byLine.get(line);
        if (item) state.done[line] = fingerprint(item);
        saveState(statePath, state);
      },
    });
    progress.end();
    await target.rebuild?.(weeksChanged(items, report));
  } finally {
    process.off('SIGINT', onSignal);
    await target.close();
  }

  console.log(formatReport(report));
  const finished = report.rejected.length === 0 && report.aborted === undefined;
  if (finished) {
    rmSync(statePath, { force: true });
  } else if (Object.keys(state.done).length > 0) {
    console.log(`Rerun the same command to send only what is left (state: ${statePath}).`);
  }
  if (!values.remote && report.rejected.some((entry) => /could not be (saved|completed)/.test(entry.reason))) {
    console.log('Local D1: have you run `npm run db:migrate`?');
  }
  return finished ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`import: ${error instanceof UsageError ? error.message : String(error)}`);
  if (!(error instanceof UsageError) && error instanceof Error && error.stack) console.error(error.stack);
  process.exitCode = 2;
}
