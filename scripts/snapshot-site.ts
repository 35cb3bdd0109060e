/**
 * A byte-level snapshot of everything the Worker answers for the seeded corpus, to prove that a
 * restructuring changed no output:
 *
 *   node scripts/snapshot-site.ts --save <dir>      # take the snapshot (on the code before the change)
 *   node scripts/snapshot-site.ts --compare <dir>   # take it again and list every difference
 *
 * It migrates and seeds a D1 of its own (.wrangler/snapshot-state) from scratch, with the seed's
 * clock fixed (so the summaries' build time is the same in every run), starts `wrangler dev` on
 * a free port and fetches, one request at a time and always in the same order (so the page
 * cache's HIT/MISS sequence is the same too):
 * - every page, feed and API response of every edition, found by crawling each edition's links
 *   from its home, archive, topics, feeds and searches, plus the API twin of every article and
 *   week page, and the API's list followed to its last cursor;
 * - bad input on every route family (unknown editions, slugs, weeks, topics, bad ?page=, bad
 *   cursors, over-long queries), language negotiation, the switch, and conditional requests;
 * - the editorial API: reads, then a fixed sequence of writes (a submission, a correction, a
 *   re-submission, a near-duplicate, a translation, a patch, a delete and a restore, a rebuild)
 *   and the pages and feeds they change, then a cron run.
 *
 * Left out of the comparison, because they vary between two runs of the same code: the `Date`,
 * `Server-Timing` and `x-d1-bookmark` headers and the health check's `latencyMs`. Normalised:
 * the server's origin (its port is free-chosen), the current day's timestamps (the seed's rows
 * and the editorial writes are stamped by the wall clock; replaced by `<now>`), and ETags, which
 * digest those bytes (each becomes "the n-th distinct ETag", so which responses share one, and
 * so every 304, is still compared).
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, spawnWranglerDev, WRANGLER } from './wrangler-dev.ts';

const STATE_DIR = join(ROOT, '.wrangler/snapshot-state');
const ADMIN_TOKEN = 'snapshot-admin-token';
const EDITIONS = ['en', 'uz', 'uz-Cyrl', 'ja'] as const;
const SEED_CLOCK = '2026-11-30T06:00:00.000Z';
const DROPPED_HEADERS = new Set(['date', 'server-timing', 'x-d1-bookmark']);

const { values: args } = parseArgs({
  options: { save: { type: 'string' }, compare: { type: 'string' }, keep: { type: 'boolean' } },
});
const target = args.save ?? args.compare;
if (!target || (args.save && args.compare)) {
  console.error('usage: node scripts/snapshot-site.ts --save <dir> | --compare <dir>');
  process.exit(2);
}

function childEnv(): NodeJS.ProcessEnv {
  return { ...process.env, WRANGLER_SEND_METRICS: 'false', ADMIN_TOKEN };
}

function run(nodeArgs: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: childEnv(),
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${nodeArgs.join(' ')} exited with ${code}`)),
    );
  });
}

// The seed stamps each summary with the time it was built; a fixed clock makes that part of the
// output the same in every run (the Worker's own clock is not touched).
const FIXED_CLOCK = `data:text/javascript,${encodeURIComponent(
  `const T = Date.parse(${JSON.stringify(SEED_CLOCK)}); const R = Date;
   globalThis.Date = class extends R { constructor(...a) { if (a.length) super(...a); else super(T); } static now() { return T; } };`,
)}`;

interface Entry {
  key: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

const entries: Entry[] = [];
const seen = new Set<string>();
const keys = new Set<string>();
let origin = '';
const today = new Date().toISOString().slice(0, 10);
const httpToday = new Date().toUTCString().slice(0, 16);

const etags = new Map<string, string>();

function normalise(text: string): string {
  // The host and its free-chosen port also appear under https (feed ids) and URL-encoded (feed
  // reader links on the subscribe page), not only as the origin itself.
  const { host } = new URL(origin);
  return text
    .replaceAll(origin, 'http://<origin>')
    .replaceAll(host, '<host>')
    .replaceAll(encodeURIComponent(host), '<host>')
    .replace(/"latencyMs":\d+/g, '"latencyMs":0')
    .replaceAll(new RegExp(`${today}[T ]\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z?`, 'g'), '<now>')
    .replaceAll(new RegExp(`${httpToday} \\d\\d:\\d\\d:\\d\\d (?:GMT|\\+0000)`, 'g'), '<now>');
}

/** An ETag digests bytes that hold the server's port: kept as "the n-th distinct ETag seen". */
function normaliseEtag(value: string): string {
  let name = etags.get(value);
  if (name === undefined) etags.set(value, (name = `<etag ${etags.size + 1}>`));
  return name;
}

async function request(
  path: string,
  init: RequestInit & { label?: string } = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(origin + path, { redirect: 'manual', ...init });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  const text =
    /text|json|xml|javascript/.test(type) || bytes.length === 0
      ? new TextDecoder().decode(bytes)
      : Buffer.from(bytes).toString('base64');
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) {
    if (DROPPED_HEADERS.has(name)) continue;
    headers[name] = name === 'etag' ? normaliseEtag(value) : normalise(value);
  }
  const method = init.method ?? 'GET';
  let key = `${method} ${path}${init.label ? ` [${init.label}]` : ''}`;
  // The same request made again later (the edge list repeats a crawled path) keeps its own entry.
  for (let n = 2; keys.has(key); n++) key = `${key.replace(/ #\d+$/, '')} #${n}`;
  keys.add(key);
  entries.push({ key, status: response.status, headers, body: normalise(text) });
  return { status: response.status, headers: response.headers, text };
}

const admin = (extra: Record<string, string> = {}) => ({
  Authorization: `Bearer ${ADMIN_TOKEN}`,
  'X-Editor': 'snapshot',
  ...extra,
});
const json = (body: unknown) => ({
  headers: admin({ 'Content-Type': 'application/json' }),
  body: JSON.stringify(body),
});

function linksOf(html: string): string[] {
  const out: string[] = [];
  for (const match of html.matchAll(/(?:href|src|action)="([^"]*)"/g)) {
    const raw = (match[1] ?? '').replaceAll('&amp;', '&');
    if (raw.startsWith('/') && !raw.startsWith('//')) out.push(raw);
    else if (raw.startsWith(origin)) out.push(raw.slice(origin.length));
  }
  return out;
}

/** Breadth-first over same-origin links, in document order, so every run visits the same sequence. */
async function crawl(starts: string[]): Promise<void> {
  const queue = [...starts];
  while (queue.length > 0) {
    const path = queue.shift() ?? '';
    if (seen.has(path)) continue;
    seen.add(path);
    const { status, headers, text } = await request(path);
    const type = headers.get('content-type') ?? '';
    if (status === 200 && /html|xml|json/.test(type) && !path.startsWith('/api/')) {
      for (const link of linksOf(text)) if (!seen.has(link)) queue.push(link);
      // Feeds name pages by absolute URL in <link>, <id>, "url".
      for (const match of text.matchAll(/https?:\/\/[^"<\s]+/g)) {
        const url = match[0].replaceAll('&amp;', '&');
        if (url.startsWith(origin)) queue.push(url.slice(origin.length));
      }
    }
    if (status >= 300 && status < 400) {
      const location = headers.get('location');
      if (location?.startsWith('/')) queue.push(location);
    }
  }
}

async function crawlApiList(lang: string): Promise<void> {
  let path: string | null = `/api/v1/${lang}/articles?limit=7`;
  while (path) {
    const { status, text } = await request(path);
    const cursor: unknown = status === 200 ? (JSON.parse(text) as { nextCursor?: unknown }).nextCursor : null;
    path = typeof cursor === 'string' ? `/api/v1/${lang}/articles?limit=7&cursor=${encodeURIComponent(cursor)}` : null;
  }
}

async function readSite(): Promise<void> {
  const starts: string[] = ['/', '/healthz', '/api/v1/openapi.json'];
  const queries = [
    'Samarqand',
    'Samarkand',
    'Самарқанд',
    'サマルカンド',
    'JICA',
    'oʻzbek',
    "o'zbek",
    'a',
    '',
    'zzzz-nothing',
  ];
  for (const lang of EDITIONS) {
    starts.push(`/${lang}/`, `/${lang}/weeks/`, `/${lang}/topics/`, `/${lang}/feed.xml`, `/${lang}/feed.atom`);
    starts.push(`/${lang}/feed.json`);
    for (const q of queries) starts.push(`/${lang}/search?q=${encodeURIComponent(q)}`);
  }
  await crawl(starts);

  // The API twin of every page that has one.
  const pages = [...seen];
  for (const path of pages) {
    const article = /^\/([^/]+)\/articles\/([^/?]+)$/.exec(path);
    const week = /^\/([^/]+)\/weeks\/(\d{4}-W\d\d)$/.exec(path);
    if (article) await request(`/api/v1/${article[1]}/articles/${article[2]}`);
    if (week) await request(`/api/v1/${week[1]}/weeks/${week[2]}`);
  }
  for (const lang of EDITIONS) {
    await crawlApiList(lang);
    for (const q of queries) await request(`/api/v1/${lang}/search?q=${encodeURIComponent(q)}`);
    await request(`/api/v1/${lang}/search?q=samarqand&limit=2&offset=1`);
  }

  // Bad input and edge cases on every route family.
  const edge = [
    '/en',
    '/uz-cyrl/',
    '/xx/',
    '/xx/articles/a',
    '/en/articles/no-such-article',
    '/en/articles/UPPER',
    '/en/weeks/2025-W99',
    '/en/weeks/2025-w01',
    '/en/weeks/1999-W01',
    '/en/topics/no-such-topic',
    '/en/entities/no-such-entity',
    '/en/?page=2',
    '/en/?page=0',
    '/en/?page=abc',
    '/en/?page=1e1',
    '/en/?page=99999',
    '/en/?page=-1',
    '/ja/search?q=JICA&page=abc',
    '/ja/search?q=JICA&page=2',
    '/uz/search?q=JICA&page=0',
    '/en/search',
    `/en/search?q=${'x'.repeat(500)}`,
    '/en/topics/trade?page=abc',
    '/en/topics/trade?page=99',
    '/en/feed.rss',
    '/lang/uz?next=/en/weeks/',
    '/lang/ja?next=/ja/weeks/',
    '/lang/ja?next=//evil.example/',
    '/lang/xx?next=/xx/',
    '/api/v1/xx/articles',
    '/api/v1/en/articles/no-such-article',
    '/api/v1/en/articles?limit=0',
    '/api/v1/en/articles?limit=1000',
    '/api/v1/en/articles?cursor=garbage',
    '/api/v1/en/weeks/2025-W99',
    '/api/v1/en/weeks/nope',
    '/api/v1/en/search',
    `/api/v1/en/search?q=${'x'.repeat(500)}`,
    '/api/v1/nothing',
    '/nothing',
  ];
  for (const path of edge) await request(path);
  for (const lang of ['ja-JP,ja;q=0.9', 'uz-UZ', 'uz-Cyrl', 'de, en;q=0.1', '']) {
    await request('/', { headers: { 'Accept-Language': lang }, label: `Accept-Language: ${lang}` });
  }
  await request('/', { headers: { Cookie: 'lang=uz-Cyrl' }, label: 'cookie' });
  await request('/en/', { method: 'HEAD' });
  await request('/en/', { method: 'POST' });
  for (const path of ['/en/', '/ja/feed.xml', '/uz-Cyrl/weeks/']) {
    const first = await fetch(origin + path);
    await first.arrayBuffer();
    const etag = first.headers.get('etag') ?? '';
    const modified = first.headers.get('last-modified') ?? '';
    await request(path, { headers: { 'If-None-Match': etag }, label: 'If-None-Match' });
    await request(path, { headers: { 'If-Modified-Since': modified }, label: 'If-Modified-Since' });
  }
  console.log(`snapshot: ${seen.size} crawled paths, ${entries.length} requests so far`);
}

/** The editorial API and what its writes do to the pages. */
async function writeSite(): Promise<void> {
  await request('/api/v1/admin/documents/1', { label: 'no token' });
  await request('/api/v1/admin/documents/1', { headers: { Authorization: 'Bearer wrong' }, label: 'bad token' });
  for (const id of ['1', '2', '3', '0', 'abc', '1e0', '99999']) {
    await request(`/api/v1/admin/documents/${id}`, { headers: admin() });
    await request(`/api/v1/admin/documents/${id}/revisions`, { headers: admin() });
  }
  await request('/api/v1/admin/documents/1/revisions/en/1', { headers: admin() });
  await request('/api/v1/admin/nothing', { headers: admin() });

  const submission = {
    headline: 'Snapshot test: Tashkent and Osaka sign a river-port agreement',
    paragraphs: [
      'TASHKENT — Officials of Tashkent and Osaka signed an agreement on river-port logistics on Monday, the ministry said.',
      'The agreement covers $12 million of equipment and training over three years.',
    ],
    sourceName: 'Snapshot Wire',
    sourceUrl: 'https://example.com/snapshot/river-port',
    publishedOn: '2025-12-17',
    language: 'en',
    topics: ['trade'],
    entities: [],
  };
  const post = (body: unknown, label: string) =>
    request('/api/v1/admin/documents', { method: 'POST', ...json(body), label });
  const created = await post(submission, 'create');
  const id = (JSON.parse(created.text) as { id?: number }).id ?? 0;
  await post(submission, 'same again');
  await post(
    { ...submission, paragraphs: [...submission.paragraphs, 'A third paragraph was added later.'] },
    'correction',
  );
  await post(
    { ...submission, sourceUrl: 'https://example.org/other/river-port', sourceName: 'Other Wire' },
    'near-duplicate',
  );
  await post({ ...submission, sourceUrl: 'https://example.com/snapshot/slug', slug: 'tashkent-and-osaka' }, 'slug');
  await post({ ...submission, sourceUrl: 'https://example.com/x', entities: ['no-such-entity'] }, 'unknown entity');
  await post({ ...submission, topics: ['no-such-topic'], sourceUrl: 'https://example.com/y' }, 'unknown topic');
  await post({ sourceName: 'x' }, 'invalid');
  await request('/api/v1/admin/documents', {
    method: 'POST',
    headers: admin({ 'Content-Type': 'text/plain' }),
    body: '{}',
    label: '415',
  });
  await request('/api/v1/admin/documents', { method: 'POST', ...json({}), body: '{nope', label: 'bad json' });
  await request(`/api/v1/admin/documents/${id}`, { headers: admin() });
  await request(`/api/v1/admin/documents/${id}/translations/uz`, {
    method: 'PUT',
    ...json({
      headline: 'Toshkent va Osaka daryo porti boʻyicha kelishuv imzoladi',
      paragraphs: ['Birinchi.', 'Ikkinchi.', 'Uchinchi.'],
    }),
  });
  await request(`/api/v1/admin/documents/${id}/translations/uz`, {
    method: 'PUT',
    ...json({ headline: 'x', paragraphs: ['one'] }),
    label: 'wrong count',
  });
  await request(`/api/v1/admin/documents/${id}/translations/de`, {
    method: 'PUT',
    ...json({ headline: 'x', paragraphs: ['a'] }),
  });
  await request(`/api/v1/admin/documents/${id}`, {
    method: 'PATCH',
    ...json({ revision: 99, sourceName: 'Late Wire' }),
    label: 'conflict',
  });
  await request(`/api/v1/admin/documents/${id}`, {
    method: 'PATCH',
    ...json({ revision: 1, sourceName: 'Snapshot Wire Service' }),
  });
  await request(`/api/v1/admin/documents/${id}`, {
    method: 'PATCH',
    ...json({ revision: 2, bogus: 1 }),
    label: 'strict',
  });
  await request(`/api/v1/admin/documents/${id}/revisions`, { headers: admin() });
  await request(`/api/v1/admin/rebuild?week=2025-W51`, { method: 'POST', headers: admin() });
  await request(`/api/v1/admin/rebuild?week=nope`, { method: 'POST', headers: admin() });
  // Background rebuilds (waitUntil) settle before the pages are read.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const after = ['/en/', '/uz/', '/uz-Cyrl/', '/ja/', '/en/weeks/2025-W51', '/uz/weeks/2025-W51', '/en/feed.xml'];
  after.push('/api/v1/en/weeks/2025-W51', '/en/topics/trade', '/en/search?q=river-port', '/api/v1/uz/search?q=daryo');
  for (const path of after) await request(path, { label: 'after writes' });
  await request(`/api/v1/admin/documents/${id}`, { method: 'DELETE', headers: admin() });
  await request(`/api/v1/admin/documents/${id}`, {
    method: 'PATCH',
    ...json({ revision: 3, sourceName: 'x' }),
    label: 'deleted',
  });
  await new Promise((resolve) => setTimeout(resolve, 3000));
  for (const path of after) await request(path, { label: 'after delete' });
  await request(`/api/v1/admin/documents/${id}/restore`, { method: 'POST', headers: admin() });
  await new Promise((resolve) => setTimeout(resolve, 3000));
  for (const path of after) await request(path, { label: 'after restore' });
  await request('/__scheduled?cron=0+6+*+*+1');
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await request('/healthz', { label: 'after cron' });
}

async function main(): Promise<void> {
  await rm(STATE_DIR, { recursive: true, force: true });
  await run([WRANGLER, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', STATE_DIR]);
  await run(['--import', FIXED_CLOCK, 'scripts/seed.ts', '--persist-to', STATE_DIR]);
  const server = await spawnWranglerDev(
    ['--persist-to', STATE_DIR, '--test-scheduled', '--log-level', 'error'],
    childEnv(),
  );
  origin = server.origin;
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const ok = await fetch(`${origin}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline || server.child.exitCode !== null)
        throw new Error(`wrangler dev did not start:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await readSite();
    await writeSite();
  } finally {
    await server.stop();
    if (!args.keep) await rm(STATE_DIR, { recursive: true, force: true });
  }
}

function serialise(entry: Entry): string {
  return JSON.stringify(entry);
}

await main();
const file = join(target, 'snapshot.jsonl');
if (args.save) {
  await mkdir(target, { recursive: true });
  await writeFile(file, entries.map(serialise).join('\n') + '\n');
  console.log(`snapshot: saved ${entries.length} responses to ${file}`);
} else {
  const saved = (await readFile(file, 'utf8'))
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Entry);
  const before = new Map(saved.map((entry) => [entry.key, entry]));
  const now = new Map(entries.map((entry) => [entry.key, entry]));
  let differences = 0;
  for (const [key, entry] of before) {
    const other = now.get(key);
    if (!other) {
      differences++;
      console.log(`MISSING ${key}`);
    } else if (serialise(other) !== serialise(entry)) {
      differences++;
      const parts = (['status', 'headers', 'body'] as const).filter(
        (p) => JSON.stringify(other[p]) !== JSON.stringify(entry[p]),
      );
      console.log(`DIFFERS ${key} (${parts.join(', ')})`);
    }
  }
  for (const key of now.keys()) {
    if (!before.has(key)) {
      differences++;
      console.log(`NEW ${key}`);
    }
  }
  await writeFile(join(target, 'latest.jsonl'), entries.map(serialise).join('\n') + '\n');
  console.log(`snapshot: compared ${before.size} responses: ${differences} differences`);
  process.exitCode = differences === 0 ? 0 : 1;
}
