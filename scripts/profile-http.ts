/**
 * A CPU profile of the Worker while wrk drives one URL: which functions the isolate spends its
 * time in. Diagnostic, not part of the benchmark's figures (the profiler slows the Worker).
 *
 *   npm run profile -- [--reports N] [--seconds S] [--top K] [--focus fn …] <path> [<path> …]
 *
 * --focus prints the inclusive share of a function (it and everything it calls), by name.
 *
 * Serves the Worker from source, not minified (so functions keep their names), with
 * `wrangler dev` on the bench's loaded local D1 for N synthetic reports (scripts/load-synthetic.ts),
 * attaches to its inspector (Chrome DevTools protocol), profiles while wrk sends one request at a
 * time, each a cache miss, and prints the functions by self time; a built-in (a RegExp, the
 * Cache API) is shown with the function that called it.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectInspector, type Profile, type ProfileNode } from './inspector.ts';
import { ensureBenchState, wranglerEnv } from './load-synthetic.ts';
import { ROOT, spawnWranglerDev } from './wrangler-dev.ts';

function frameName(node: ProfileNode | undefined): string {
  if (!node) return '?';
  const { functionName, url, lineNumber } = node.callFrame;
  return url ? `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}` : functionName || '?';
}

/** Self time by function; a built-in (RegExp, URL, …) is shown with the function that called it. */
function summarise(profile: Profile, top: number, focus: readonly string[]): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const self = new Map<number, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const grouped = new Map<string, number>();
  for (const [id, micros] of self) {
    const node = byId.get(id);
    let name = frameName(node);
    if (node && !node.callFrame.url && !name.startsWith('(')) {
      const parentId = parentOf.get(id);
      name = `${name} ← ${frameName(parentId === undefined ? undefined : byId.get(parentId))}`;
    }
    grouped.set(name, (grouped.get(name) ?? 0) + micros);
  }
  const rows = [...grouped].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log(`  total sampled ${(total / 1000).toFixed(0)} ms`);
  for (const [name, micros] of rows) {
    console.log(`  ${((100 * micros) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
  // Inclusive time of the named functions: every sample with one of them on its stack.
  for (const wanted of focus) {
    let inside = 0;
    for (const [id, micros] of self) {
      for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
        if (byId.get(at)?.callFrame.functionName === wanted) {
          inside += micros;
          break;
        }
      }
    }
    console.log(`  inclusive ${((100 * inside) / total).toFixed(1).padStart(5)}%  ${wanted} and what it calls`);
  }
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    reports: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '5' },
    top: { type: 'string', default: '30' },
    focus: { type: 'string', multiple: true, default: [] },
  },
});
const state = await ensureBenchState(Number(values.reports), { summaryWeeks: 12 });
// From source, not minified, so the profile names the functions.
const server = await spawnWranglerDev(
  ['--config', join(ROOT, 'wrangler.toml'), '--persist-to', state.dir, '--log-level', 'warn', '--minify=false'],
  wranglerEnv(),
);
try {
  for (let i = 0; ; i++) {
    const response = await fetch(`${server.origin}/healthz`).catch(() => null);
    if (response?.status === 200) break;
    if (i > 600) throw new Error(`wrangler dev did not start:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const send = await connectInspector(server.inspectorPort);
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 100 });
  for (const path of positionals.length > 0 ? positionals : ['/en/']) {
    const url = `${server.origin}${path}`;
    const probe = await fetch(url);
    await probe.arrayBuffer();
    if (probe.status !== 200) throw new Error(`${path} answered ${probe.status}`);
    // Every request a cache miss: a unique query parameter, which the routes ignore.
    const missing = JSON.stringify(`${path}${path.includes('?') ? '&' : '?'}_miss=`);
    const scriptPath = join(tmpdir(), 'silk-profile-miss.lua');
    writeFileSync(
      scriptPath,
      `n = 0\nrequest = function()\n  n = n + 1\n  return wrk.format(nil, ${missing} .. n)\nend\n`,
    );
    await send('Profiler.start');
    const wrk = spawnSync('wrk', ['-t1', '-c1', `-d${values.seconds}s`, '-s', scriptPath, url], { encoding: 'utf8' });
    const { profile } = (await send('Profiler.stop')) as { profile: Profile };
    const rps = /Requests\/sec:\s+([\d.]+)/.exec(wrk.stdout)?.[1];
    console.log(`\n${path}: ${rps} req/s at one connection`);
    summarise(profile, Number(values.top), values.focus);
  }
} finally {
  await server.stop();
}
