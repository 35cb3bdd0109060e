/**
 * Vitest global setup of the e2e suite: a real `wrangler dev` on a free port, backed by a local
 * D1 of its own (.wrangler/e2e-state) that is migrated and seeded from scratch on every run, so
 * the suite never reads or changes the developer's `npm start` database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

const STATE_DIR = '.wrangler/e2e-state';
const WRANGLER = 'node_modules/wrangler/bin/wrangler.js';
// The editorial API is not exercised here, but the Worker requires the secret to be bound.
const ADMIN_TOKEN = 'e2e-admin-token';
const STARTUP_TIMEOUT_MS = 120_000;

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
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

function childEnv(): NodeJS.ProcessEnv {
  return { ...process.env, WRANGLER_SEND_METRICS: 'false', ADMIN_TOKEN };
}

/** Asks the OS for a port nobody listens on (a fixed one would collide with `npm start`). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
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

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await rm(STATE_DIR, { recursive: true, force: true });
  await run([WRANGLER, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', STATE_DIR]);
  await run(['scripts/seed.ts', '--persist-to', STATE_DIR]);

  const port = await freePort();
  const inspectorPort = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [
      WRANGLER,
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspectorPort),
      '--persist-to',
      STATE_DIR,
      '--show-interactive-dev-session=false',
    ],
    // Its own process group, so teardown can stop wrangler and the workerd it starts together.
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: childEnv() },
  );
  // Kept for the error message: wrangler's own output says why it did not start.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const stop = async () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, 5_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await waitForHealth(baseUrl, child);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- wrangler dev output ---\n${output}`, { cause: error });
  }
  project.provide('baseUrl', baseUrl);
  return stop;
}
