/**
 * `wrangler dev` as a child process, for the tools that drive the Worker over HTTP (the e2e
 * suite, the benchmark): free ports, its own process group (so stopping it stops the workerd
 * it starts too), and the tail of its output for error messages. Each caller decides when the
 * server counts as ready.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const WRANGLER = fileURLToPath(new URL('../node_modules/wrangler/bin/wrangler.js', import.meta.url));

export interface WranglerDev {
  child: ChildProcess;
  port: number;
  /** The DevTools inspector (CPU profiles of the Worker). */
  inspectorPort: number;
  origin: string;
  /** The last 20 kB of what wrangler printed. */
  output: () => string;
  /** SIGTERM to the group, SIGKILL after 5 s; resolves once wrangler has exited. */
  stop: () => Promise<void>;
}

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

// An interrupted tool leaves no wrangler or workerd behind.
process.on('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

/** Asks the OS for a port nobody listens on (a fixed one would collide with `npm start`). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}

/** Starts `wrangler dev <args>` on 127.0.0.1 with a free port and inspector port. */
export async function spawnWranglerDev(args: string[], env: NodeJS.ProcessEnv): Promise<WranglerDev> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const child = spawn(
    process.execPath,
    [
      WRANGLER,
      'dev',
      ...args,
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspectorPort),
      '--show-interactive-dev-session=false',
    ],
    { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    // workerd may outlive wrangler for a moment; the group kill reaches it either way.
    killGroup(child, 'SIGKILL');
    running.delete(child);
  };
  return { child, port, inspectorPort, origin: `http://127.0.0.1:${port}`, output: () => output, stop };
}
