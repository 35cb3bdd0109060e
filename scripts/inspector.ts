/**
 * A client of the Chrome DevTools protocol for the Worker that `wrangler dev` runs: the CPU
 * profile (profile-http.ts), the ingestion bench's CPU per poll (bench-ingest.ts) and the desk's
 * breakpoints (bench-desk.ts) all talk to its inspector.
 */

/** A V8 CPU profile (`Profiler.stop`): a call tree, and which node each sample hit. */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export type InspectorSend = (method: string, params?: object) => Promise<unknown>;

/**
 * Connects to the inspector on `port`; the answer sends one command and awaits its result.
 * `onEvent` hears what the inspector says unasked (a breakpoint hit: `Debugger.paused`).
 */
export async function connectInspector(
  port: number,
  onEvent: (method: string, params: unknown) => void = () => undefined,
): Promise<InspectorSend> {
  const response = await fetch(`http://127.0.0.1:${port}/json`);
  const targets: { webSocketDebuggerUrl: string }[] = await response.json();
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error('no inspector target');
  // The inspector accepts local origins only; Node's WebSocket takes headers as an extension.
  const socket = new WebSocket(url, { headers: { Origin: 'http://127.0.0.1' } } as unknown as string[]);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as {
      id?: number;
      method?: string;
      params?: unknown;
      result?: unknown;
      error?: { message?: string };
    };
    if (message.id === undefined) {
      if (message.method) onEvent(message.method, message.params);
      return;
    }
    const waiting = pending.get(message.id);
    if (!waiting) return;
    if (message.error) waiting.reject(new Error(message.error.message ?? 'inspector error'));
    else waiting.resolve(message.result);
  });
  return (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
}

/**
 * The isolate's CPU in a profile, in ms: the samples that are not "(idle)" times the sampling
 * interval. V8 samples the isolate only while it runs (workerd marks it idle while it waits for
 * I/O); JavaScript, garbage collection, built-ins and the runtime's native work on its behalf
 * (HTMLRewriter, TextDecoder, the D1 client decoding results) all count, as Cloudflare's CPU
 * limit counts them. Not the sum of `timeDeltas`: locally D1's SQLite and miniflare's own
 * workers run on the same workerd thread, V8 takes no sample meanwhile, and the next sample's
 * delta spans that gap (measured: 4 to 12 times the count-based figure). Reads low when the
 * machine is so loaded that the sampler thread itself is late.
 */
export function estimateIsolateCpuMs(profile: Profile, intervalMicros: number): number {
  const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id));
  const busy = (profile.samples ?? []).filter((id) => !idle.has(id)).length;
  return (busy * intervalMicros) / 1000;
}
