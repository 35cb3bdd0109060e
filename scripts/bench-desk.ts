/**
 * The editors' desk in the Worker (npm run bench -- --only desk): what it adds to the bundle,
 * and that reader pages never run any of it.
 *
 * - Size: `wrangler deploy --dry-run --metafile`, the Worker exactly as uploaded (minified),
 *   with esbuild's record of every input, its bytes in the output and what it imports. The
 *   desk's share is every input that src/index.ts reaches only through the desk's dynamic
 *   import (`import('./desk/app.tsx')` in src/app.tsx): the desk's own modules and what only
 *   they use (jose). Inputs shared with the reader (hono, i18n, the locales) are not counted.
 * - Code paths: the same build unminified, served by `wrangler dev --no-bundle` on the bench's
 *   D1 of 1,000 reports. esbuild wraps each module reached through a dynamic import in a lazy
 *   initialiser (`__esm({ "src/desk/app.tsx"() { … } })`) that runs when the import does; a
 *   breakpoint (the inspector's Debugger) on the first line of every desk-only module's
 *   initialiser catches any evaluation of desk code while every kind of reader page, feed and
 *   API answer is requested in every edition. (workerd's inspector has no precise coverage.)
 *   Then one desk request, to show that the same breakpoints do catch the desk when it loads.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { connectInspector, type InspectorSend } from './inspector.ts';
import { ensureBenchState, FIXED_ARTICLE, run, wranglerEnv } from './load-synthetic.ts';
import { ROOT, spawnWranglerDev, WRANGLER } from './wrangler-dev.ts';

const DESK_ENTRY = 'src/desk/app.tsx';
const TARGET_BYTES = 150 * 1024;
const EDITIONS = ['en', 'uz', 'uz-Cyrl', 'ja'];

interface Metafile {
  inputs: Record<string, { bytes: number; imports: { path: string; kind: string; external?: boolean }[] }>;
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

/** Inputs reachable from the entry, not following the edges `skip` refuses. */
function reach(meta: Metafile, entry: string, skip: (from: string, to: string, kind: string) => boolean): Set<string> {
  const seen = new Set([entry]);
  const todo = [entry];
  for (let at = todo.pop(); at !== undefined; at = todo.pop()) {
    for (const edge of meta.inputs[at]?.imports ?? []) {
      if (edge.external || seen.has(edge.path) || skip(at, edge.path, edge.kind)) continue;
      seen.add(edge.path);
      todo.push(edge.path);
    }
  }
  return seen;
}

async function build(dir: string, minify: boolean): Promise<{ code: string; meta: Metafile }> {
  const out = join(dir, minify ? 'min' : 'plain');
  await run(
    process.execPath,
    [
      WRANGLER,
      'deploy',
      '--dry-run',
      '--outdir',
      out,
      '--metafile',
      join(out, 'meta.json'),
      `--minify=${minify}`,
      '--config',
      join(ROOT, 'wrangler.toml'),
    ],
    wranglerEnv(),
  );
  return {
    code: readFileSync(join(out, 'index.js'), 'utf8'),
    meta: JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')) as Metafile,
  };
}

/** The byte ranges of the unminified bundle that hold the given modules (each after its `// path` line). */
function regionsOf(code: string, modules: ReadonlySet<string>): [number, number][] {
  const heads = [...code.matchAll(/^\/\/ (\S+\.[cm]?[jt]sx?(?:on)?)$/gm)].map((match) => ({
    path: match[1] ?? '',
    at: match.index,
  }));
  return heads.flatMap((head, i) =>
    modules.has(head.path) ? [[head.at, heads[i + 1]?.at ?? code.length] as [number, number]] : [],
  );
}

/** 0-based lines of the first statement of each given module's lazy initialiser in the unminified bundle. */
function initialiserLines(code: string, modules: ReadonlySet<string>): { path: string; line: number }[] {
  const lines = code.split('\n');
  return lines.flatMap((text, index) => {
    const path = /^\s*"([^"]+)"\(\) \{$/.exec(text)?.[1];
    return path && modules.has(path) ? [{ path, line: index + 1 }] : [];
  });
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

export async function runDeskBench(): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'silk-bench-desk-'));
  console.log('\n## The desk in the Worker\n');
  const minified = await build(dir, true);
  const all = reach(minified.meta, 'src/index.ts', () => false);
  const reader = reach(
    minified.meta,
    'src/index.ts',
    (_from, to, kind) => kind === 'dynamic-import' && to === DESK_ENTRY,
  );
  const deskOnly = new Set([...all].filter((path) => !reader.has(path)));
  const output = Object.entries(minified.meta.outputs).find(([path]) => path.endsWith('.js'))?.[1];
  if (!output) throw new Error('the metafile names no output');
  const deskBytes = [...deskOnly].reduce((sum, path) => sum + (output.inputs[path]?.bytesInOutput ?? 0), 0);
  const plain = await build(dir, false);
  const regions = regionsOf(plain.code, deskOnly);
  const deskCode = regions.map(([start, end]) => plain.code.slice(start, end)).join('');
  console.log(`bundle (minified): ${kib(output.bytes)}; desk-only inputs: ${deskOnly.size}`);
  console.log(`desk share: ${kib(deskBytes)} minified (${((100 * deskBytes) / output.bytes).toFixed(1)} %)`);
  console.log(`desk share unminified: ${kib(deskCode.length)}, gzip ${kib(gzipSync(deskCode).byteLength)}`);
  const largest = [...deskOnly]
    .map((path) => [path, output.inputs[path]?.bytesInOutput ?? 0] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8);
  for (const [path, bytes] of largest) console.log(`  ${kib(bytes).padStart(10)}  ${path}`);
  const sizeOk = deskBytes < TARGET_BYTES;
  console.log(`${sizeOk ? 'within' : 'OVER'} the 150 KiB target.`);

  const state = await ensureBenchState(1000, { summaryWeeks: 12 });
  const server = await spawnWranglerDev(
    [
      join(dir, 'plain', 'index.js'),
      '--no-bundle',
      '--config',
      join(ROOT, 'wrangler.toml'),
      '--persist-to',
      state.dir,
      // Open, so that the desk request below gets the login form, not the "desk closed" page.
      '--var',
      'DESK_SESSION_SECRET:bench-desk-session-secret-0123',
    ],
    wranglerEnv(),
  );
  try {
    for (let i = 0; (await fetch(`${server.origin}/healthz`).catch(() => null))?.status !== 200; i++) {
      if (i > 600) throw new Error(`wrangler dev did not start:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const hits: string[] = [];
    const breakpoints = new Map<string, string>();
    // A hit is noted and the Worker let go at once: the request it paused goes on.
    const send: InspectorSend = await connectInspector(server.inspectorPort, (method, params) => {
      if (method !== 'Debugger.paused') return;
      const id = (params as { hitBreakpoints?: string[] }).hitBreakpoints?.[0];
      hits.push(breakpoints.get(id ?? '') ?? 'unknown');
      void send('Debugger.resume');
    });
    await send('Debugger.enable');
    const inits = initialiserLines(plain.code, deskOnly);
    for (const { path, line } of inits) {
      const { breakpointId } = (await send('Debugger.setBreakpointByUrl', {
        lineNumber: line,
        urlRegex: 'index\\.js$',
      })) as { breakpointId: string };
      breakpoints.set(breakpointId, path);
    }
    console.log(`\nbreakpoints on the initialisers of ${inits.length} of ${deskOnly.size} desk-only modules`);
    let requests = 0;
    // A page that failed would prove nothing about the desk: each must answer as a reader's does.
    const read = async (path: string, status: number) => {
      const response = await fetch(`${server.origin}${path}`);
      await response.arrayBuffer();
      if (response.status !== status) throw new Error(`${path} answered ${response.status}, not ${status}`);
    };
    for (const lang of EDITIONS) {
      for (const path of [
        '/',
        `/articles/${FIXED_ARTICLE}`,
        '/weeks/',
        '/topics/',
        '/topics/energy',
        '/search?q=Tashkent',
        '/subscribe',
        '/about',
        '/feed.xml',
        '/feed.atom',
        '/feed.json',
        '/no-such-page',
      ]) {
        await read(`/${lang}${path}`, path === '/no-such-page' ? 404 : 200);
        requests += 1;
      }
      await read(`/api/v1/${lang}/articles`, 200);
      requests += 1;
    }
    const byReaders = hits.splice(0);
    await read('/desk/login', 200);
    const byDesk = hits.splice(0);
    console.log(`${requests} reader requests (every page type, feeds, API, 404, in ${EDITIONS.length} editions):`);
    console.log(`  desk modules evaluated: ${byReaders.length}${byReaders.length ? ` (${byReaders.join(', ')})` : ''}`);
    console.log(`then GET /desk/login: ${byDesk.length} desk modules evaluated (the breakpoints see the desk load)`);
    return sizeOk && byReaders.length === 0 && byDesk.length > 0;
  } finally {
    await server.stop();
  }
}
