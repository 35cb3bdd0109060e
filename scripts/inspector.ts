/**
 * A client of the Chrome DevTools protocol for the Worker that `wrangler dev` runs: the CPU
 * profile (profile-http.ts) and the desk's breakpoints (bench-desk.ts) both talk to its
 * inspector.
 */

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
