/**
 * The desk's sources page and its API twins: both call workflows/ingestion/manage-sources.ts
 * and pollSourceNow, so each action is checked through both doors against the same rule.
 * Upstream feeds are served by a fake fetch (no network); D1 and the Worker are real.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { callAdmin } from './helpers/admin-call.ts';
import { desk, openDesk } from './helpers/desk.ts';
import { createUpstream } from './helpers/fake-upstream.ts';

interface SourceRow {
  id: number;
  name: string;
  feed_url: string;
  rights: string;
  language: string;
  enabled: number;
  always_relevant: number;
  note: string | null;
  homepage: string | null;
}

function readSourceRow(feedUrl: string): Promise<SourceRow | null> {
  return env.DB.prepare('SELECT * FROM sources WHERE feed_url = ?1').bind(feedUrl).first<SourceRow>();
}

let session = { cookie: '', token: '' };

beforeAll(async () => {
  session = await openDesk('Dilnoza');
});

afterEach(() => {
  vi.restoreAllMocks();
});

function form(fields: Record<string, string>): Record<string, string> {
  return { _token: session.token, language: 'en', rights: 'excerpt', enabled: 'on', ...fields };
}

describe('the desk sources page', () => {
  it('adds a source through the form, as POST /api/v1/admin/sources does', async () => {
    const added = await desk('/desk/sources', {
      cookie: session.cookie,
      form: form({ name: 'Gazeta.uz', feedUrl: 'https://www.gazeta.uz/en/rss/', rights: 'headline', note: 'Daily' }),
    });
    expect(added.status).toBe(303);
    const row = await readSourceRow('https://www.gazeta.uz/en/rss/');
    expect(row).toMatchObject({ name: 'Gazeta.uz', rights: 'headline', enabled: 1, always_relevant: 0, note: 'Daily' });
    expect(row?.homepage).toBeNull();
    expect(added.headers.get('Location')).toBe(`/desk/sources/${row?.id}?done=added`);

    const page = await (await desk(added.headers.get('Location') ?? '', { cookie: session.cookie })).text();
    expect(page).toContain('Source added.');
    expect(page).toContain(`action="/desk/sources/${row?.id}/poll"`);
    const list = await (await desk('/desk/sources', { cookie: session.cookie })).text();
    expect(list).toContain(`href="/desk/sources/${row?.id}"`);
    expect(list).toContain('0 seen, 0 accepted, 0 skipped');

    // The twin: the same feed URL through the API is the same refusal (it is registered).
    const twin = await callAdmin('POST', '/sources', {
      name: 'Again',
      feedUrl: 'https://www.gazeta.uz/en/rss/',
      language: 'en',
    });
    expect(twin.status).toBe(409);
  });

  it('shows refused fields on the form, in the editor’s language, and stores nothing', async () => {
    const before = await env.DB.prepare('SELECT count(*) AS n FROM sources').first<{ n: number }>();
    const refused = await desk('/desk/sources', {
      cookie: `${session.cookie}; desk_lang=ja`,
      form: form({ name: '', feedUrl: 'ftp://example.jp/feed', language: 'fr' }),
    });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    // The summary, then each refused field's own message; the fields are marked for screen readers.
    const messages = [
      '保存できませんでした',
      '名前を入力してください',
      '公開インターネット上のフィードの URL',
      '一覧から言語を選んで',
    ];
    expect(messages.filter((message) => !html.includes(message))).toEqual([]);
    expect(html.match(/aria-invalid="true"/g)).toHaveLength(3);
    // What was typed is kept in the form.
    expect(html).toContain('value="ftp://example.jp/feed"');

    // A private address is refused by the shared registration rule, at the desk and at the API.
    const local = await desk('/desk/sources', {
      cookie: `${session.cookie}; desk_lang=uz`,
      form: form({ name: 'Local', feedUrl: 'http://10.0.0.7/rss' }),
    });
    expect(local.status).toBe(422);
    expect(await local.text()).toContain('Tasmaning ochiq tarmoqdagi manzilini kiriting');
    const twin = await callAdmin('POST', '/sources', { name: 'Local', feedUrl: 'http://10.0.0.7/rss', language: 'en' });
    expect(twin.status).toBe(422);

    // A taken feed URL.
    const taken = await desk('/desk/sources', {
      cookie: session.cookie,
      form: form({ name: 'Gazeta again', feedUrl: 'https://www.gazeta.uz/en/rss/' }),
    });
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain('This feed URL is registered already.');
    const after = await env.DB.prepare('SELECT count(*) AS n FROM sources').first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });

  it('edits a source, as PATCH does, and refuses an edit that would take another’s feed URL', async () => {
    const row = await readSourceRow('https://www.gazeta.uz/en/rss/');
    const saved = await desk(`/desk/sources/${row?.id}`, {
      cookie: session.cookie,
      form: form({
        name: 'Gazeta.uz (English)',
        feedUrl: 'https://www.gazeta.uz/en/rss/',
        homepage: 'https://www.gazeta.uz/en/',
        rights: 'full',
        alwaysRelevant: 'on',
        language: 'en',
      }),
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('Location')).toBe(`/desk/sources/${row?.id}?done=saved`);
    expect(await readSourceRow('https://www.gazeta.uz/en/rss/')).toMatchObject({
      name: 'Gazeta.uz (English)',
      homepage: 'https://www.gazeta.uz/en/',
      rights: 'full',
      always_relevant: 1,
      note: null,
    });

    const other = await (
      await callAdmin('POST', '/sources', { name: 'Kun.uz', feedUrl: 'https://kun.uz/en/rss', language: 'en' })
    ).json<{ id: number }>();
    const clash = await desk(`/desk/sources/${other.id}`, {
      cookie: session.cookie,
      form: form({ name: 'Kun.uz', feedUrl: 'https://www.gazeta.uz/en/rss/' }),
    });
    expect(clash.status).toBe(422);
    expect(await clash.text()).toContain('This feed URL is registered already.');
    expect((await readSourceRow('https://kun.uz/en/rss'))?.name).toBe('Kun.uz');
    // The twin refuses the same clash.
    expect(
      (await callAdmin('PATCH', `/sources/${other.id}`, { feedUrl: 'https://www.gazeta.uz/en/rss/' })).status,
    ).toBe(409);
    expect((await desk('/desk/sources/999999', { cookie: session.cookie })).status).toBe(404);
    expect((await desk('/desk/sources/1e0', { cookie: session.cookie })).status).toBe(404);
  });

  it('disables a source and keeps it, as DELETE does; a form without the session’s token changes nothing', async () => {
    const row = await readSourceRow('https://kun.uz/en/rss');
    const forged = await desk(`/desk/sources/${row?.id}/disable`, { cookie: session.cookie, form: { _token: 'x' } });
    expect(forged.status).toBe(403);
    expect((await readSourceRow('https://kun.uz/en/rss'))?.enabled).toBe(1);

    const disabled = await desk(`/desk/sources/${row?.id}/disable`, {
      cookie: session.cookie,
      form: { _token: session.token },
    });
    expect(disabled.status).toBe(303);
    expect(await readSourceRow('https://kun.uz/en/rss')).toMatchObject({ name: 'Kun.uz', enabled: 0 });
    const page = await (await desk(`/desk/sources/${row?.id}?done=disabled`, { cookie: session.cookie })).text();
    expect(page).toContain('Source disabled; its history is kept.');
    expect(page).not.toContain(`action="/desk/sources/${row?.id}/disable"`);

    const gazeta = await readSourceRow('https://www.gazeta.uz/en/rss/');
    const twin = await callAdmin('DELETE', `/sources/${gazeta?.id}`);
    expect(await twin.json()).toMatchObject({ enabled: false });
  });
});

const LONG_TEXT = [
  'President Shavkat Mirziyoyev of Uzbekistan and Prime Minister Sanae Takaichi of Japan opened a joint engineering school in Tashkent on Monday, the presidential press service said.',
  'The school will train three hundred engineers a year for power plants and railways, with teachers from Japanese universities and equipment supplied by Japanese companies.',
  'Officials in Tokyo said the project is part of a cooperation programme agreed during the president’s visit to Japan last December, worth more than twelve billion dollars.',
].join('</p><p>');

function feedOf(base: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Poll wire</title>
  <item><guid>poll-1</guid><link>${base}/news/engineering-school</link><title>Uzbekistan and Japan open an engineering school in Tashkent</title>
    <pubDate>Mon, 15 Dec 2025 10:00:00 GMT</pubDate><content:encoded><![CDATA[<p>${LONG_TEXT}</p>]]></content:encoded></item>
  <item><guid>poll-2</guid><link>${base}/news/weather</link><title>Snow expected in the mountains</title>
    <pubDate>Mon, 15 Dec 2025 11:00:00 GMT</pubDate><content:encoded><![CDATA[<p>${'Snow is expected in the mountains this week, forecasters said, and roads may close for a day or two. '.repeat(8)}</p>]]></content:encoded></item>
  </channel></rss>`;
}

describe('poll now', () => {
  it('polls through the same workflow as POST …/poll and shows what was accepted and skipped', async () => {
    const base = 'https://poll.example.jp';
    const upstream = createUpstream({
      [`${base}/feed`]: () => new Response(feedOf(base), { headers: { 'Content-Type': 'application/rss+xml' } }),
    });
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => upstream.fetch(new Request(input, init)));
    await desk('/desk/sources', {
      cookie: session.cookie,
      form: form({ name: 'Poll wire', feedUrl: `${base}/feed`, rights: 'full' }),
    });
    const row = await readSourceRow(`${base}/feed`);

    const polled = await desk(`/desk/sources/${row?.id}/poll`, {
      cookie: session.cookie,
      form: { _token: session.token },
    });
    expect(polled.status).toBe(200);
    const html = await polled.text();
    const stored = await env.DB.prepare('SELECT document_id AS id FROM source_items WHERE item_key = ?1')
      .bind('poll-1')
      .first<{ id: number }>();
    expect(stored?.id).toBeGreaterThan(0);
    expect(html).toContain('Polled');
    expect(html).toContain('2 items, 1 accepted, 1 skipped');
    expect(html).toContain(`href="/desk/documents/${stored?.id}"`);
    expect(html).toContain('not about Uzbekistan and Japan');
    expect(html).toContain(`${base}/news/weather`);
    // The health shown is the one this poll recorded.
    expect(html).toContain('2 seen, 1 accepted, 1 skipped');
    // The article came whole in the feed: no page was fetched (robots.txt is asked about the feed).
    expect(upstream.requests.map((request) => request.url).sort()).toEqual([`${base}/feed`, `${base}/robots.txt`]);

    // The API twin polls the same way: the items are known now, so nothing new.
    const twin = await callAdmin('POST', `/sources/${row?.id}/poll`);
    expect(await twin.json()).toMatchObject({ status: 'ok', itemsSeen: 2, accepted: [], skipped: [] });
  });

  it('shows a failing feed’s error, recorded in the source’s health', async () => {
    const base = 'https://down.example.uz';
    const upstream = createUpstream({ [`${base}/feed`]: () => new Response('busy', { status: 503 }) });
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => upstream.fetch(new Request(input, init)));
    const { id } = await (
      await callAdmin('POST', '/sources', { name: 'Down wire', feedUrl: `${base}/feed`, language: 'uz' })
    ).json<{ id: number }>();
    const html = await (
      await desk(`/desk/sources/${id}/poll`, {
        cookie: `${session.cookie}; desk_lang=ja`,
        form: { _token: session.token },
      })
    ).text();
    expect(html).toContain('取得に失敗しました');
    expect(html).toContain('HTTP 503');
    const health = await env.DB.prepare(
      'SELECT consecutive_failures AS n, last_status AS status FROM sources WHERE id = ?1',
    )
      .bind(id)
      .first<{ n: number; status: number }>();
    expect(health).toEqual({ n: 1, status: 503 });
    expect(
      (await desk('/desk/sources/424242/poll', { cookie: session.cookie, form: { _token: session.token } })).status,
    ).toBe(404);
  });
});
