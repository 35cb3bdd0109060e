/**
 * What a feed reader relies on: ids and links that do not follow the request's Host or scheme,
 * items dated when their week was published, a Last-Modified that never goes back, and a
 * WebSub hub that hears about every change (a fake hub records the pings).
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { createDb } from '../src/db/client.ts';
import { publishFeedChanges } from '../src/services/websub.ts';
import { runWeeklyRebuild } from '../src/workflows/summaries/weekly-run.ts';
import { seedTestCorpus } from './helpers/corpus.ts';

const PUBLIC = 'https://silk.example';
const HUB = 'https://hub.example/publish';

async function fetchWorker(url: string, init: RequestInit = {}, bindings: Env = env): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(url, { redirect: 'manual', ...init }), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

beforeAll(async () => {
  await seedTestCorpus(env.DB);
  await worker.scheduled(
    createScheduledController({ scheduledTime: new Date('2025-12-22T06:00:00Z'), cron: '0 6 * * 1' }),
    env,
  );
});

describe('WebSub', () => {
  it('every format names the hub when WEBSUB_HUB is set', async () => {
    const bindings = { ...env, WEBSUB_HUB: HUB };
    expect(await (await fetchWorker('https://digest.test/uz/feed.xml', {}, bindings)).text()).toContain(
      `<atom:link rel="hub" href="${HUB}"/>`,
    );
    expect(await (await fetchWorker('https://digest.test/uz/feed.atom', {}, bindings)).text()).toContain(
      `<link rel="hub" href="${HUB}"/>`,
    );
    const json = await (await fetchWorker('https://digest.test/uz/feed.json', {}, bindings)).json<{ hubs: unknown }>();
    expect(json.hubs).toEqual([{ type: 'WebSub', url: HUB }]);
  });

  it('a rebuild that changes the feeds pings the hub for each of them; one that changes nothing does not', async () => {
    const pings: { url: string; body: string }[] = [];
    const hub = async (url: string, init: RequestInit): Promise<Response> => {
      pings.push({ url, body: await new Request(url, init).text() });
      return new Response(null, { status: 204 });
    };
    const config = { PUBLIC_ORIGIN: PUBLIC, WEBSUB_HUB: HUB };
    const run = (scheduledTime: string) =>
      runWeeklyRebuild(createDb(env.DB), {
        scheduledTime: Date.parse(scheduledTime),
        cron: '0 6 * * 1',
        timeZone: 'UTC',
        onFeedsChanged: (langs) => publishFeedChanges(config, langs, hub),
      });
    await env.DB.prepare(
      `UPDATE documents SET content_hash = 'edited-for-websub' WHERE slug = 'uzbekistan-and-japan-sign-12bn-cooperation-portfolio'`,
    ).run();
    await env.DB.prepare(
      `UPDATE translations SET headline = 'A changed headline for the hub'
       WHERE lang = 'en' AND document_id = (SELECT id FROM documents WHERE slug = 'uzbekistan-and-japan-sign-12bn-cooperation-portfolio')`,
    ).run();
    await run('2025-12-29T06:00:00Z');
    expect(pings.every((ping) => ping.url === HUB)).toBe(true);
    const published = pings.map((ping) => new URLSearchParams(ping.body));
    expect(published.every((form) => form.get('hub.mode') === 'publish')).toBe(true);
    expect(published.map((form) => form.get('hub.url')).sort()).toEqual(
      ['en', 'ja', 'uz', 'uz-Cyrl']
        .flatMap((lang) => ['atom', 'json', 'xml'].map((ext) => `${PUBLIC}/${lang}/feed.${ext}`))
        .sort(),
    );

    pings.length = 0;
    await run('2026-01-05T06:00:00Z');
    expect(pings).toEqual([]);
  });
});

describe('absolute URLs', () => {
  it('come from PUBLIC_ORIGIN whatever Host and scheme the request used', async () => {
    const bindings = { ...env, PUBLIC_ORIGIN: PUBLIC };
    const rss = await (await fetchWorker('http://EVIL.example/ja/feed.xml', {}, bindings)).text();
    expect(rss).not.toMatch(/evil/i);
    expect(rss).toContain(`<guid isPermaLink="true">${PUBLIC}/ja/weeks/2025-W51</guid>`);
    const page = await (await fetchWorker('http://evil.example/ja/weeks/2025-W51', {}, bindings)).text();
    expect(page).not.toMatch(/evil/i);
    expect(page).toContain(`<link rel="canonical" href="${PUBLIC}/ja/weeks/2025-W51"/>`);
    const api = await (
      await fetchWorker('http://evil.example/api/v1/ja/weeks/2025-W51', {}, bindings)
    ).json<{
      url: string;
    }>();
    expect(api.url).toBe(`${PUBLIC}/ja/weeks/2025-W51`);
  });

  it('without PUBLIC_ORIGIN, feed ids do not change with the scheme', async () => {
    const ids = async (url: string) => parseFeed(await (await fetchWorker(url)).text()).items.map((item) => item.id);
    const overHttps = await ids('https://digest.test/en/feed.atom');
    expect(overHttps[0]).toBe('https://digest.test/en/weeks/2025-W51');
    expect(await ids('http://digest.test/en/feed.atom')).toEqual(overHttps);
  });

  it('refuses a PUBLIC_ORIGIN that is not an origin', async () => {
    const response = await fetchWorker(
      'https://digest.test/en/',
      {},
      { ...env, PUBLIC_ORIGIN: 'https://silk.example/en' },
    ).catch((error: unknown) => error);
    expect(String(response)).toMatch(/PUBLIC_ORIGIN must be an origin/);
  });
});

describe('dates', () => {
  it('items are dated when their week was published, newest first', async () => {
    const feed = parseFeed(await (await fetchWorker('https://digest.test/ja/feed.atom')).text());
    expect(feed.items.map((item) => item.published?.toISOString())).toEqual([
      '2025-12-22T06:00:00.000Z',
      '2025-08-25T06:00:00.000Z',
      '2024-01-29T06:00:00.000Z',
      '2022-04-18T06:00:00.000Z',
    ]);
  });

  it('the week page shows when the summary was published, and "updated" only after its content changed', async () => {
    const html = await (await fetchWorker('https://digest.test/ja/weeks/2024-W04')).text();
    expect(html).toContain('<time datetime="2024-01-29T06:00:00.000Z">');
    expect(html).not.toContain('更新');
  });

  it('Last-Modified of a feed and the archive never goes back when the newest week is removed', async () => {
    const paths = ['https://digest.test/uz/feed.atom', 'https://digest.test/uz/weeks/'];
    const before = await Promise.all(paths.map(async (path) => (await fetchWorker(path)).headers.get('Last-Modified')));
    await env.DB.prepare(`DELETE FROM weekly_summaries WHERE week = '2025-W51' AND lang = 'uz'`).run();
    for (const [index, path] of paths.entries()) {
      const after = await fetchWorker(path);
      expect(await after.text()).not.toContain('2025-W51');
      const since = Date.parse(before[index] ?? '');
      expect(Date.parse(after.headers.get('Last-Modified') ?? ''), path).toBeGreaterThanOrEqual(since);
    }
  });
});
