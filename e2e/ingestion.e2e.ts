/**
 * The ingestion proof end to end, in the real runtime: three real local HTTP servers (Node)
 * play three differently built news sites serving the five corpus captures and their RSS
 * feeds; a `wrangler dev` of its own, on a database holding the registry (entities, topics)
 * but no document, polls them through the admin API (INGEST_ALLOW_PRIVATE_HOSTS=true only
 * here, so workerd may fetch from 127.0.0.1). The stored reports are the seed's cleaned
 * paragraphs in the seed's ISO weeks (as the seeded suite server answers them); the cron
 * (`/__scheduled`) builds English weekly summaries that agree with today's in everything the
 * machine decides, and are today's once the desk has set what editors decide; then one new
 * feed item adds exactly one document and the next poll is a 304.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnWranglerDev, type WranglerDev } from '../scripts/wrangler-dev.ts';
import type { Route } from '../tests/helpers/fake-upstream.ts';
import { buildCaptures, buildSite, captureUrl, createFreshCapture } from '../tests/helpers/news-sites.ts';
import { ADMIN_TOKEN, childEnv, CORPUS_WEEKS, prepareDatabase } from './server.ts';

const STATE_DIR = '.wrangler/e2e-ingest-state';

interface Entry {
  file: string;
  url: string;
  published: string;
}

/** A seeded document as the suite's server answers it: what the seed made of a capture. */
interface Seeded {
  slug: string;
  headline: string;
  isoWeek: string;
  topics: string[];
  paragraphs: { kind: string; text: string }[];
  /** The desk wrote the headline (the capture had none). */
  editorialHeadline: boolean;
}

interface PollReport {
  status: string;
  httpStatus: number | null;
  accepted: { documentId: number; slug: string; url: string }[];
  skipped: { url: string; reason: string }[];
}

interface WeekAnswer {
  title: string;
  intro: string;
  stories: { headline: string; sentences: string[]; topics: string[]; sources: { headline: string }[] }[];
  topicCounts: unknown[];
  figures: unknown[];
}

const readJson = async <T>(path: string) => JSON.parse(await readFile(path, 'utf8')) as T;

/** One HTTP server per site, answering from a table of routes that the test may change. */
async function startSite(routes: Record<string, Route>): Promise<{ origin: string; server: Server }> {
  let origin = '';
  const server = createServer((incoming, outgoing) => {
    const url = `${origin}${incoming.url ?? '/'}`;
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers))
      if (typeof value === 'string') headers.set(name, value);
    const route = routes[url];
    void Promise.resolve(
      route ? route(new Request(url, { headers })) : new Response('not found', { status: 404 }),
    ).then(async (response) => {
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the site server has no address');
  origin = `http://127.0.0.1:${address.port}`;
  return { origin, server };
}

/** What a week says, its sources by headline (names, URLs and slugs are each site's own). */
function readable(week: WeekAnswer) {
  return {
    title: week.title,
    intro: week.intro,
    stories: week.stories.map((story) => ({
      headline: story.headline,
      sentences: story.sentences,
      topics: story.topics,
      sources: story.sources.map((source) => source.headline),
    })),
    topicCounts: week.topicCounts,
    figures: week.figures,
  };
}

describe('ingestion against real local news sites', () => {
  const routes: Record<string, Route> = {};
  const sites: { origin: string; server: Server }[] = [];
  const raws: Record<string, string> = {};
  const seeded = new Map<string, Seeded>();
  const headlineOf = (entry: { file: string }) => seeded.get(entry.file)?.headline ?? '';
  let entries: Entry[] = [];
  let dev: WranglerDev | undefined;

  const origin = () => dev?.origin ?? '';
  const admin = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> => {
    const response = await fetch(`${origin()}/api/v1/admin${path}`, {
      method,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as T };
  };
  const readWeek = async (base: string, week: string) =>
    readable((await (await fetch(`${base}/api/v1/en/weeks/${week}`)).json()) as WeekAnswer);

  beforeAll(async () => {
    entries = (await readJson<{ documents: Entry[] }>('content/raw/manifest.json')).documents;
    const meta = await readJson<{ documents: { file: string; slug: string; editorialHeadline?: string }[] }>(
      'content/documents.json',
    );
    for (const entry of entries) {
      raws[entry.file] = await readFile(`content/raw/${entry.file}`, 'utf8');
      const about = meta.documents.find((doc) => doc.file === entry.file);
      if (!about) throw new Error(`${entry.file}: not in content/documents.json`);
      const article = (await (await fetch(`${inject('baseUrl')}/api/v1/en/articles/${about.slug}`)).json()) as Seeded;
      seeded.set(entry.file, { ...article, editorialHeadline: about.editorialHeadline !== undefined });
    }
    for (let i = 0; i < 3; i++) sites.push(await startSite(routes));
    const origins = sites.map((site) => site.origin);
    for (const [site, captures] of buildCaptures(entries, raws, headlineOf, origins)) {
      Object.assign(routes, buildSite(site, captures));
    }

    // The registry without documents: seeded, then emptied of the content the seed wrote (and
    // of its real sources, so nothing here could ever fetch from the internet).
    await prepareDatabase(
      STATE_DIR,
      'DELETE FROM revisions; DELETE FROM weekly_summaries; DELETE FROM documents; DELETE FROM sources;',
    );
    dev = await spawnWranglerDev(
      ['--persist-to', STATE_DIR, '--test-scheduled', '--var', 'INGEST_ALLOW_PRIVATE_HOSTS:true'],
      childEnv(),
    );
    for (let tries = 0; (await fetch(`${origin()}/healthz`).catch(() => null))?.status !== 200; tries++) {
      if (tries > 480) throw new Error(`wrangler dev did not answer\n${dev.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  afterAll(async () => {
    await dev?.stop();
    await Promise.all(sites.map((site) => new Promise((resolve) => site.server.close(resolve))));
  });

  it('polls the captures into the seed’s paragraphs and weeks and today’s summaries; a new item adds one, then a 304', async () => {
    const origins = sites.map((site) => site.origin);
    const ids: number[] = [];
    for (const [index, site] of origins.entries()) {
      const created = await admin<{ id: number }>('POST', '/sources', {
        name: `News site ${index + 1}`,
        feedUrl: `${site}/rss`,
        language: 'en',
        rights: 'full',
      });
      expect(created.status).toBe(201);
      ids.push(created.json.id);
    }
    const accepted: PollReport['accepted'] = [];
    for (const id of ids) {
      const { status, json } = await admin<PollReport>('POST', `/sources/${id}/poll`);
      expect(status).toBe(200);
      expect(json.skipped).toEqual([]);
      accepted.push(...json.accepted);
    }
    expect(accepted).toHaveLength(entries.length);
    const acceptedAt = (index: number) => accepted.find((item) => item.url === captureUrl(origins, index));

    // The seed's cleaned paragraphs and headline, in the seed's ISO week.
    for (const [index, entry] of entries.entries()) {
      const seed = seeded.get(entry.file)!;
      const item = acceptedAt(index);
      expect(item, entry.file).toBeDefined();
      const article = (await (await fetch(`${origin()}/api/v1/en/articles/${item?.slug}`)).json()) as Seeded;
      expect(article.isoWeek, entry.file).toBe(seed.isoWeek);
      expect(article.headline, entry.file).toBe(seed.headline);
      expect(article.paragraphs, entry.file).toEqual(seed.paragraphs);
    }

    // The Monday cron builds (and backfills) those weeks: the machine's part is today's.
    expect((await fetch(`${origin()}/__scheduled?cron=0+6+*+*+1`)).status).toBe(200);
    const today = new Map<string, ReturnType<typeof readable>>();
    // As seeded, not as the suite server is now: other suites may have added reports since.
    for (const week of CORPUS_WEEKS) today.set(week, readable(inject('seededWeeks')[week] as WeekAnswer));
    const extractive = (week: ReturnType<typeof readable>) =>
      week.stories.map((story) => [story.sentences, story.sources]);
    for (const week of CORPUS_WEEKS) {
      expect(extractive(await readWeek(origin(), week)), week).toEqual(extractive(today.get(week)!));
    }

    // The desk sets what editors decide (topics; the headline it wrote); the rebuild after
    // each change makes the summaries today's.
    for (const [index, entry] of entries.entries()) {
      const seed = seeded.get(entry.file)!;
      const id = acceptedAt(index)?.documentId ?? 0;
      const stored = await admin<{ revision: number }>('GET', `/documents/${id}`);
      const patched = await admin('PATCH', `/documents/${id}`, {
        revision: stored.json.revision,
        topics: seed.topics,
        ...(seed.editorialHeadline ? { headline: seed.headline } : {}),
      });
      expect(patched.status, entry.file).toBe(200);
    }
    for (const week of CORPUS_WEEKS) {
      await expect.poll(() => readWeek(origin(), week), { timeout: 30_000 }).toEqual(today.get(week));
    }

    // A new report on the first site: one poll adds exactly it; the next costs a 304.
    const site = origins[0] ?? '';
    const fresh = createFreshCapture(site);
    const first = buildCaptures(entries, raws, headlineOf, origins).get(site) ?? [];
    Object.assign(routes, buildSite(site, [...first, fresh]));
    const count = async () =>
      ((await (await fetch(`${origin()}/api/v1/en/articles?limit=100`)).json()) as { items: unknown[] }).items.length;
    const before = await count();
    const next = await admin<PollReport>('POST', `/sources/${ids[0]}/poll`);
    expect(next.json.accepted.map((item) => item.url)).toEqual([fresh.url]);
    expect(await count()).toBe(before + 1);
    const again = await admin<PollReport>('POST', `/sources/${ids[0]}/poll`);
    expect(again.json).toMatchObject({ status: 'not_modified', httpStatus: 304, accepted: [] });
  });
});
