/**
 * Vitest global setup of the e2e suite: a real `wrangler dev` on a free port, backed by a local
 * D1 of its own (.wrangler/e2e-state) that is migrated and seeded from scratch on every run, so
 * the suite never reads or changes the developer's `npm start` database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { spawnWranglerDev, WRANGLER } from '../scripts/wrangler-dev.ts';

const STATE_DIR = '.wrangler/e2e-state';
// The Worker requires the secret; the desk's login form takes it (e2e/desk.e2e.ts).
export const ADMIN_TOKEN = 'e2e-admin-token';
export const DESK_SESSION_SECRET = 'e2e-desk-session-secret-0123456789';
/** The article whose Uzbek and Japanese texts the desk suite reviews as machine drafts. */
export const DESK_ARTICLE = 'dialogue-central-asia-japan-is-an-effective-platform-for-cooperation';
const STARTUP_TIMEOUT_MS = 120_000;

/** The ISO weeks of the seeded corpus. */
export const CORPUS_WEEKS = ['2022-W15', '2024-W04', '2025-W34', '2025-W51'] as const;

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /**
     * The English weekly summaries (API answers) as seeded, read before any suite runs: other
     * suites write to this server (the desk's poll adds a report to 2025-W51), and in whatever
     * order the files run, a comparison with "today's" summaries needs the seeded ones.
     */
    seededWeeks: Record<string, unknown>;
  }
}

/** Runs a Node script to completion with the same Node (22, from the devDependency) as vitest. */
function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'], env: childEnv() });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

export function childEnv(): NodeJS.ProcessEnv {
  return { ...process.env, WRANGLER_SEND_METRICS: 'false', ADMIN_TOKEN };
}

async function waitForHealth(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode} before it answered`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev did not answer ${baseUrl}/healthz within ${STARTUP_TIMEOUT_MS / 1000} s`);
}

/** A local D1 under `stateDir`, from scratch: migrated, seeded, then changed by `sql`. */
export async function prepareDatabase(stateDir: string, sql: string): Promise<void> {
  await rm(stateDir, { recursive: true, force: true });
  await run([WRANGLER, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', stateDir]);
  await run(['scripts/seed.ts', '--persist-to', stateDir]);
  await run([WRANGLER, 'd1', 'execute', 'DB', '--local', '--persist-to', stateDir, '--command', sql]);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Workers AI does not run locally: the desk suite's machine drafts are seeded translations
  // marked as the model's (the AI path itself is tested in workerd with a fake binding).
  await prepareDatabase(
    STATE_DIR,
    `UPDATE translations SET origin = 'machine' WHERE lang IN ('uz', 'ja')
       AND document_id = (SELECT id FROM documents WHERE slug = '${DESK_ARTICLE}')`,
  );

  const server = await spawnWranglerDev(
    // The sources suite polls a feed served on this machine (e2e/desk.e2e.ts).
    [
      '--persist-to',
      STATE_DIR,
      '--var',
      `DESK_SESSION_SECRET:${DESK_SESSION_SECRET}`,
      '--var',
      'INGEST_ALLOW_PRIVATE_HOSTS:true',
    ],
    childEnv(),
  );
  const { child, origin: baseUrl, stop } = server;

  try {
    await waitForHealth(baseUrl, child);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- wrangler dev output ---\n${server.output()}`, { cause: error });
  }
  project.provide('baseUrl', baseUrl);
  const seededWeeks: Record<string, unknown> = {};
  for (const week of CORPUS_WEEKS) {
    seededWeeks[week] = await (await fetch(`${baseUrl}/api/v1/en/weeks/${week}`)).json();
  }
  project.provide('seededWeeks', seededWeeks);
  return stop;
}
