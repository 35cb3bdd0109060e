import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import {
  formatReport,
  itemsFromManifest,
  parseJsonl,
  runImport,
  type ImportReport,
  type Send,
  type SendResult,
} from '../scripts/bulk-import.ts';
import { buildCorpusInput, manifestEntries, raws, seedTestCorpus } from './helpers/corpus.ts';
import { get, ORIGIN } from './helpers/http.ts';

const TOKEN = 'test-admin-token';

/** Posts a submission to the editorial API, as scripts/import.ts does, and waits for its rebuilds. */
const send: Send = async (submission) => {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${ORIGIN}/api/v1/admin/documents`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', 'X-Editor': 'bulk import' },
      body: JSON.stringify(submission),
    }),
    env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { status: response.status, body: await response.json() };
};

// Asymmetric matchers, typed so they can sit in object literals.
const INVALID_JSON: unknown = expect.stringMatching(/^invalid JSON: /);
const NO_SUCH_FILE: unknown = expect.stringContaining('no such file next to manifest.json');

async function countDocuments(): Promise<number> {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM documents').first<{ n: number }>();
  return row?.n ?? 0;
}

const SOLAR = {
  headline: 'Uzbekistan and Japan open a solar panel test site near Bukhara',
  paragraphs: [
    'Uzbekistan and Japan opened a test site for solar panels near Bukhara on Tuesday, the Ministry of Energy said.',
    'Engineers will compare how panels from six makers age in desert heat and dust over three years.',
    'Japanese partners will fund the site with $9 million.',
  ],
  sourceName: 'Test Wire',
  sourceUrl: 'https://wire.example/bukhara-solar-site',
  publishedOn: '2025-10-07',
  language: 'en',
  topics: ['energy', 'technology'],
  entities: [],
};
const SOLAR_CORRECTED = {
  ...SOLAR,
  paragraphs: [...SOLAR.paragraphs.slice(0, 2), 'Japanese partners will fund the site with $11 million.'],
};
const SOLAR_ELSEWHERE = {
  ...SOLAR_CORRECTED,
  sourceName: 'Other Wire',
  sourceUrl: 'https://other.example/2025/10/bukhara-solar',
};
const GARDEN = {
  raw: [
    '07.10.2025',
    'Samarkand opens a Japanese garden',
    'A Japanese garden opened in Samarkand on Wednesday, built by gardeners from Kyoto and the city over two years.',
    'The garden has a tea house and a pond, and will host a cherry blossom festival each spring.',
    'Comments (0)',
    'Follow us on Telegram',
  ].join('\n'),
  sourceName: 'Test Wire',
  sourceUrl: 'https://wire.example/samarkand-garden',
  publishedOn: '2025-10-08',
  language: 'en',
  topics: ['tourism-culture'],
};

const JSONL = [
  JSON.stringify(SOLAR), // 1 created
  JSON.stringify(GARDEN), // 2 created, from a raw capture
  '', // 3 blank: not an item
  '{"headline": "A broken line', // 4 not JSON
  JSON.stringify({ ...SOLAR, sourceUrl: 'https://wire.example/gossip', topics: ['gossip'] }), // 5 invalid field
  JSON.stringify(GARDEN), // 6 the same URL again, nothing new
  JSON.stringify(SOLAR_CORRECTED), // 7 the same URL again, corrected
  JSON.stringify(SOLAR_ELSEWHERE), // 8 the same report from another source
].join('\r\n');

beforeAll(async () => {
  await seedTestCorpus(env.DB);
});

describe('parseJsonl', () => {
  it('makes one item per non-empty line, numbered as in the file, and never throws', () => {
    const items = parseJsonl(`\uFEFF${JSONL}\n\n`);
    expect(items.map((item) => item.line)).toEqual([1, 2, 4, 5, 6, 7, 8]);
    expect(items[0]).toEqual({ line: 1, label: SOLAR.sourceUrl, submission: SOLAR });
    expect(items[2]).toEqual({ line: 4, label: 'line 4', error: INVALID_JSON });
    expect(parseJsonl('[1]\n"x"')).toEqual([
      { line: 1, label: 'line 1', submission: [1] },
      { line: 2, label: 'line 2', submission: 'x' },
    ]);
  });
});

describe('bulk import through the editorial API', () => {
  let first: ImportReport;
  const progress: number[] = [];
  const done: number[] = [];

  it('tallies created, updated, unchanged, merged and rejected lines, and goes on after a bad one', async () => {
    const before = await countDocuments();
    first = await runImport(parseJsonl(JSONL), send, {
      onProgress: (count, total) => progress.push(count / total),
      onDone: (line) => done.push(line),
    });
    expect(first).toMatchObject({
      total: 7,
      added: 2,
      updated: 1,
      unchanged: 1,
      merged: 1,
      skipped: 0,
      notAttempted: 0,
    });
    expect(first.aborted).toBeUndefined();
    expect(first.rejected).toEqual([
      { line: 4, label: 'line 4', reason: INVALID_JSON },
      {
        line: 5,
        label: 'https://wire.example/gossip',
        reason: 'Some fields are invalid. topics: unknown topic "gossip"',
      },
    ]);
    expect(first.outcomes.map((outcome) => [outcome.line, outcome.status])).toEqual([
      [1, 'created'],
      [2, 'created'],
      [6, 'unchanged'],
      [7, 'updated'],
      [8, 'merged'],
    ]);
    expect(done).toEqual([1, 2, 6, 7, 8]);
    expect(progress).toHaveLength(7);
    expect(progress.at(-1)).toBe(1);
    expect(await countDocuments()).toBe(before + 2);
    // The copy from another source is linked to the first report, not stored again.
    const [solar, , , , copy] = first.outcomes;
    expect(copy?.id).toBe(solar?.id);

    const text = formatReport(first);
    expect(text).toContain('Import: 7 items: 2 added, 1 updated, 1 unchanged, 1 merged, 2 rejected.');
    expect(text).toContain('  line 4: invalid JSON: ');
    expect(text).toContain('  line 5 (https://wire.example/gossip): Some fields are invalid. topics: unknown topic');
  });

  it('publishes the good documents, cleaned and corrected, at /en/articles/{slug}', async () => {
    const [solar, garden] = first.outcomes;
    expect(solar?.slug).toBe('uzbekistan-and-japan-open-a-solar-panel-test-site-near-bukhara');
    expect(garden?.slug).toBe('samarkand-opens-a-japanese-garden');
    const solarPage = await get(`/en/articles/${solar?.slug}`);
    expect(solarPage.status).toBe(200);
    const solarHtml = await solarPage.text();
    expect(solarHtml).toContain('$11 million');
    expect(solarHtml).not.toContain('$9 million');
    const gardenPage = await get(`/en/articles/${garden?.slug}`);
    expect(gardenPage.status).toBe(200);
    const gardenHtml = await gardenPage.text();
    expect(gardenHtml).toContain('Samarkand opens a Japanese garden');
    expect(gardenHtml).not.toMatch(/Comments \(0\)|Follow us on Telegram/);
    expect((await get('/en/articles/uzbekistan-and-japan-open-a-solar-panel-test-site-near-bukhara-2')).status).toBe(
      404,
    );
  });

  it('resumes: the lines done before are skipped, only the rejected ones are tried again', async () => {
    const before = await countDocuments();
    const sent: unknown[] = [];
    const report = await runImport(
      parseJsonl(JSONL),
      (submission) => {
        sent.push(submission);
        return send(submission);
      },
      { skip: new Set(done) },
    );
    expect(report).toMatchObject({ total: 7, added: 0, updated: 0, unchanged: 0, merged: 0, skipped: 5 });
    expect(report.rejected.map((entry) => entry.line)).toEqual([4, 5]);
    // Line 4 is never sent (it is not JSON); line 5 is, and the API refuses it again.
    expect(sent).toHaveLength(1);
    expect(await countDocuments()).toBe(before);
    expect(formatReport(report)).toContain('5 skipped (done in an earlier run)');
  });

  it('adds no duplicates when the whole file is sent again without resume state', async () => {
    const before = await countDocuments();
    const report = await runImport(parseJsonl(JSONL), send);
    expect(report.added).toBe(0);
    expect(report.rejected.map((entry) => entry.line)).toEqual([4, 5]);
    expect(await countDocuments()).toBe(before);
    // Every accepted line lands on the same document as the first time.
    const idsBefore = Object.fromEntries(first.outcomes.map((outcome) => [outcome.line, outcome.id]));
    expect(Object.fromEntries(report.outcomes.map((outcome) => [outcome.line, outcome.id]))).toEqual(idsBefore);
  });
});

describe('bulk import of a folder of raw captures', () => {
  it('turns the manifest entries into raw submissions', () => {
    const items = itemsFromManifest({ documents: manifestEntries }, raws);
    expect(items).toHaveLength(manifestEntries.length);
    const untitled = manifestEntries.findIndex((entry) => entry.title === null);
    expect(untitled).toBeGreaterThanOrEqual(0);
    const entry = manifestEntries[untitled]!;
    expect(items[untitled]).toEqual({
      line: untitled + 1,
      label: entry.file,
      submission: {
        raw: raws[entry.file],
        headline: undefined,
        sourceName: entry.source,
        sourceUrl: entry.url,
        publishedOn: entry.published,
        publishedNote: entry.published_note,
        language: entry.language,
        topics: undefined,
        entities: undefined,
      },
    });
  });

  it('reports a missing file and a bad entry as items with errors, and refuses a manifest without documents', () => {
    const items = itemsFromManifest({ documents: [manifestEntries[0], { title: 'no file' }] }, {});
    expect(items).toEqual([
      { line: 1, label: manifestEntries[0]?.file, error: NO_SUCH_FILE },
      { line: 2, label: 'entry 2', error: 'the manifest entry has no "file"' },
    ]);
    expect(() => itemsFromManifest({ files: [] }, {})).toThrow(/documents/);
  });

  it('finds every project capture already in the seeded database unchanged, keeping its topics', async () => {
    const before = await countDocuments();
    const topicsBefore = await env.DB.prepare('SELECT count(*) AS n FROM document_topics').first<{ n: number }>();
    // The manifest has no topics and two captures have no headline; a known URL keeps what the
    // desk set (headline, topics, entities), so the import is a no-op.
    const report = await runImport(itemsFromManifest({ documents: manifestEntries }, raws), send);
    expect(report.rejected).toEqual([]);
    expect(report).toMatchObject({ added: 0, merged: 0, updated: 0, unchanged: manifestEntries.length });
    expect(await countDocuments()).toBe(before);
    const topicsAfter = await env.DB.prepare('SELECT count(*) AS n FROM document_topics').first<{ n: number }>();
    expect(topicsAfter?.n).toBe(topicsBefore?.n);
  });

  it('with the headlines, topics and entities the seed uses, finds every capture: updated or unchanged', async () => {
    const before = await countDocuments();
    const meta = new Map(buildCorpusInput().documents.documents.map((doc) => [doc.file, doc]));
    const documents = manifestEntries.map((entry) => {
      const doc = meta.get(entry.file);
      return { ...entry, title: entry.title ?? doc?.editorialHeadline, topics: doc?.topics, entities: doc?.entities };
    });
    const report = await runImport(itemsFromManifest({ documents }, raws), send);
    expect(report.rejected).toEqual([]);
    expect(report).toMatchObject({ added: 0, merged: 0 });
    expect(report.updated + report.unchanged).toBe(manifestEntries.length);
    expect(report.outcomes.map((outcome) => outcome.status)).not.toContain('created');
    expect(await countDocuments()).toBe(before);
  });
});

describe('runImport without a server', () => {
  const created = (id: number): SendResult => ({ status: 201, body: { status: 'created', id, slug: `doc-${id}` } });
  const items = parseJsonl(['{"sourceUrl":"https://a.example/1"}', '{"sourceUrl":"https://a.example/2"}'].join('\n'));

  it('retries a 5xx or a network error twice, then rejects the line and goes on', async () => {
    const answers: (SendResult | Error)[] = [
      { status: 500, body: { error: { code: 'internal', message: 'boom' } } },
      new Error('socket hang up'),
      created(1),
      new Error('socket hang up'),
      { status: 502, body: 'Bad Gateway' },
      new Error('connection refused'),
    ];
    const report = await runImport(
      items,
      (): Promise<SendResult> => {
        const next = answers.shift();
        return next instanceof Error || next === undefined
          ? Promise.reject(next ?? new Error('no more answers'))
          : Promise.resolve(next);
      },
      { retryDelayMs: 0 },
    );
    expect(report.added).toBe(1);
    expect(report.rejected).toEqual([
      {
        line: 2,
        label: 'https://a.example/2',
        reason: 'network error: connection refused, after 3 attempts',
      },
    ]);
    expect(answers).toEqual([]);
  });

  it('stops at a refused token instead of sending every line to be refused', async () => {
    let calls = 0;
    const report = await runImport(
      items,
      () => {
        calls += 1;
        return Promise.resolve({
          status: 403,
          body: { error: { code: 'forbidden', message: 'This token is not allowed.' } },
        });
      },
      { retryDelayMs: 0 },
    );
    expect(calls).toBe(1);
    expect(report).toMatchObject({ added: 0, rejected: [], notAttempted: 2 });
    expect(report.aborted).toBe('This token is not allowed. (HTTP 403)');
    expect(formatReport(report)).toContain('Stopped early: This token is not allowed. (HTTP 403)');
  });

  it('rejects an answer it does not understand', async () => {
    const report = await runImport(items.slice(0, 1), () => Promise.resolve({ status: 200, body: { ok: true } }));
    expect(report.rejected[0]?.reason).toBe('unexpected answer: HTTP 200: {"ok":true}');
  });
});
