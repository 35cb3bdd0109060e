/**
 * The editors' desk in a real Chromium against `wrangler dev`: sign in with the keyboard, the
 * queue, approving and correcting machine translations (the reader pages follow), a second
 * editor's conflict, restoring a revision, a cross-site post refused; the sources page (a
 * refused form, a source added and polled from a feed served on this machine, a failing one
 * in the queue, screenshots at 375 and 1280 px); then axe (light and dark) and the Nu Html
 * Checker on every desk page.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, DESK_ARTICLE } from './server.ts';
import { baseUrl, SCREENSHOTS, useChromium } from './site.ts';

const MACHINE_LABEL = {
  uz: 'Bu tarjima mashina tomonidan bajarilgan',
  ja: 'この翻訳は機械翻訳で',
};

const newPage = useChromium();
let documentPath = '';
/** The sources the sources suite added (their desk pages), in order. */
const sourcePaths: string[] = [];

/** Tabs until the element with `id` has focus (at most `limit` presses): keyboard reachability. */
async function tabTo(page: Page, id: string, limit = 20): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
  }
  throw new Error(`#${id} is not reachable with Tab`);
}

/** Signs in through the form with the keyboard only. */
async function signIn(page: Page, name: string): Promise<void> {
  await page.goto('/desk/');
  expect(new URL(page.url()).pathname).toBe('/desk/login');
  await tabTo(page, 'login-name');
  // The focused field shows the site's focus outline.
  expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(ADMIN_TOKEN);
  await Promise.all([page.waitForURL('**/desk/'), page.keyboard.press('Enter')]);
}

async function readerText(path: string): Promise<string> {
  return (await fetch(baseUrl() + path)).text();
}

describe('an editor at the desk', () => {
  let editor: Page;
  let second: Page;

  it('signs in with the keyboard and finds the machine translations in the queue', async () => {
    editor = await newPage();
    await signIn(editor, 'Nilufar');
    await expect.poll(() => editor.locator('main').textContent()).toContain('2 machine translations to review');
    const link = editor.locator('a[href$="#text-ja"]').first();
    await link.focus();
    await Promise.all([editor.waitForURL('**/desk/documents/**'), editor.keyboard.press('Enter')]);
    documentPath = new URL(editor.url()).pathname;
    expect(await editor.locator('#text-ja-title').textContent()).toContain('machine translation, not reviewed');
  });

  it('approves the Japanese machine translation; the reader page loses its label', async () => {
    expect(await readerText(`/ja/articles/${DESK_ARTICLE}`)).toContain(MACHINE_LABEL.ja);
    // A second editor opens the same document now, before any change: their forms carry today's revisions.
    second = await newPage();
    await signIn(second, 'Jasur');
    await second.goto(documentPath);
    await editor.locator('#text-ja form[action$="/approve"] button').click();
    await expect.poll(() => editor.locator('[role=status]').textContent()).toContain('Approved');
    expect(await readerText(`/ja/articles/${DESK_ARTICLE}`)).not.toContain(MACHINE_LABEL.ja);
  });

  it('corrects an Uzbek paragraph (any apostrophe) and the reader page changes', async () => {
    const field = editor.locator('#f-uz-p0');
    const corrected =
      "Markaziy Osiyo va Yaponiya muloqoti hamkorlik uchun samarali maydon bo'lib qolmoqda, dedi vazir.";
    await field.fill(corrected);
    await Promise.all([editor.waitForURL('**done=saved**'), editor.locator('#text-uz button[value=save]').click()]);
    const reader = await readerText(`/uz/articles/${DESK_ARTICLE}`);
    expect(reader).toContain('samarali maydon boʻlib qolmoqda, dedi vazir.');
    expect(reader).not.toContain(MACHINE_LABEL.uz);
    expect(await readerText(`/uz-Cyrl/articles/${DESK_ARTICLE}`)).toContain('самарали майдон бўлиб қолмоқда');
  });

  it('gives the second editor, saving from the same base revision, the conflict page', async () => {
    await second.locator('#f-uz-p0').fill('Boshqa muharrirning matni.');
    const [response] = await Promise.all([
      second.waitForResponse((candidate) => candidate.request().method() === 'POST'),
      second.locator('#text-uz button[value=save]').click(),
    ]);
    expect(response.status()).toBe(409);
    const main = (await second.locator('main').textContent()) ?? '';
    expect(main).toContain('Someone saved first');
    expect(main).toContain('dedi vazir.');
    expect(main).toContain('Boshqa muharrirning matni.');
    expect(await readerText(`/uz/articles/${DESK_ARTICLE}`)).not.toContain('Boshqa muharrirning');
  });

  it('restores an earlier revision from the history, as a new revision', async () => {
    await editor.goto(`${documentPath}/history`);
    expect(await editor.locator('main').textContent()).toContain('Nilufar');
    await expect.poll(() => editor.locator('section[aria-labelledby=history-uz] ins').count()).toBeGreaterThan(0);
    await Promise.all([editor.waitForURL('**done=reverted**'), editor.locator('#rev-uz-1 button').click()]);
    expect(await editor.locator('#rev-uz-3').textContent()).toContain('Nilufar');
    const reader = await readerText(`/uz/articles/${DESK_ARTICLE}`);
    expect(reader).not.toContain('dedi vazir.');
    expect(reader).toContain(MACHINE_LABEL.uz);
  });

  it('refuses a form posted from another site', async () => {
    const page = await editor.context().newPage();
    await page.setContent(
      `<form method="post" action="${baseUrl()}/desk/weeks/rebuild"><input name="week" value="2025-W51"><button>go</button></form>`,
    );
    const [response] = await Promise.all([page.waitForResponse(() => true), page.locator('button').click()]);
    expect(response.status()).toBe(403);
    await page.close();
  });
});

/** A news site on this machine for the sources page to poll: a feed, its robots.txt, and a feed that fails. */
const FEED_ARTICLE = [
  'A delegation from Japan visited the Samarkand textile cluster on Wednesday to discuss the supply of modern looms and the training of technicians.',
  'Representatives of Uzbekistan said the cluster plans to export cotton fabric to Japanese clothing brands from the autumn of next year.',
  'Both sides agreed to meet again in Tokyo in the spring to sign a contract for the first deliveries of equipment and fabric.',
];

function startFixtureSite(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const origin = `http://${request.headers.host ?? ''}`;
    if (request.url === '/robots.txt') {
      response.writeHead(200, { 'Content-Type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    } else if (request.url === '/news/looms') {
      // The feed carries a teaser only: the article is read from its page.
      response
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Looms | Fixture wire</title><link rel="canonical" href="${origin}/news/looms"></head><body><nav><a href="/">Home</a></nav><article><h1>Japanese looms for the Samarkand textile cluster</h1><p>${FEED_ARTICLE.join('</p><p>')}</p></article></body></html>`,
        );
    } else if (request.url === '/feed.xml') {
      response.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' }).end(
        `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Fixture wire</title>
        <item><guid>looms-1</guid><link>${origin}/news/looms</link><title>Japanese looms for the Samarkand textile cluster</title>
          <pubDate>Wed, 17 Dec 2025 09:00:00 GMT</pubDate><description>${FEED_ARTICLE[0]}</description></item>
        <item><guid>weather-1</guid><link>${origin}/news/weather</link><title>Snow in the mountains</title>
          <pubDate>Wed, 17 Dec 2025 10:00:00 GMT</pubDate><content:encoded><![CDATA[<p>${'Snow is expected in the mountains this week and some roads may close for a day. '.repeat(8)}</p>]]></content:encoded></item>
        </channel></rss>`,
      );
    } else {
      response.writeHead(500, { 'Content-Type': 'text/plain' }).end('down');
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

describe('the sources page', () => {
  let editor: Page;
  let site: { origin: string; close: () => Promise<void> };

  beforeAll(async () => {
    site = await startFixtureSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  async function addSource(name: string, feedUrl: string): Promise<string> {
    await editor.goto('/desk/sources');
    await editor.locator('#source-name').fill(name);
    await editor.locator('#source-feedUrl').fill(feedUrl);
    await editor.locator('#source-rights').selectOption('full');
    await Promise.all([
      editor.waitForURL('**/desk/sources/*?done=added'),
      editor.locator('form[action="/desk/sources"] button[type=submit]').click(),
    ]);
    const path = new URL(editor.url()).pathname;
    sourcePaths.push(path);
    return path;
  }

  it('refuses an invalid source on the form, in the editor’s language', async () => {
    editor = await newPage();
    await signIn(editor, 'Sevara');
    await editor.goto('/desk/lang/ja?next=%2Fdesk%2Fsources');
    await editor.locator('#source-feedUrl').fill('ftp://example.jp/feed');
    const [response] = await Promise.all([
      editor.waitForResponse((candidate) => candidate.request().method() === 'POST'),
      editor.locator('form[action="/desk/sources"] button[type=submit]').click(),
    ]);
    expect(response.status()).toBe(422);
    expect(await editor.locator('[role=alert]').textContent()).toContain('名前を入力してください');
    expect(await editor.locator('#source-feedUrl').getAttribute('aria-invalid')).toBe('true');
    await editor.goto('/desk/lang/en?next=%2Fdesk%2Fsources');
  });

  it('adds a source, polls it now, and follows an accepted item to its document and provenance', async () => {
    const path = await addSource('Fixture wire', `${site.origin}/feed.xml`);
    await editor.locator(`form[action="${path}/poll"] button`).click();
    await expect.poll(() => editor.locator('#poll-result').textContent()).toBe('Polled');
    const result = (await editor.locator('section[aria-labelledby=poll-result]').textContent()) ?? '';
    expect(result).toContain('2 items, 1 accepted, 1 skipped');
    expect(result).toContain('not about Uzbekistan and Japan');
    await Promise.all([
      editor.waitForURL('**/desk/documents/*'),
      editor.locator('section[aria-labelledby=poll-result] a[href^="/desk/documents/"]').click(),
    ]);
    const facts = (await editor.locator('main').textContent()) ?? '';
    expect(facts).toContain('Provenance');
    expect(facts).toContain('Fixture wire');
    expect(facts).toContain(`${site.origin}/news/looms`);
    expect(facts).toContain('Full text');
  });

  it('shows a failing source’s error, and the queue lists it with its count', async () => {
    const path = await addSource('Broken wire', `${site.origin}/broken.xml`);
    await editor.locator(`form[action="${path}/poll"] button`).click();
    await expect.poll(() => editor.locator('#poll-result').textContent()).toBe('The poll failed');
    expect(await editor.locator('section[aria-labelledby=poll-result]').textContent()).toContain('HTTP 500');
    await editor.goto('/desk/');
    expect(await editor.locator('.chips').textContent()).toContain('1 failing source');
    await Promise.all([
      editor.waitForURL(`**${path}`),
      editor.locator(`#failingSources ~ ul a[href="${path}"]`).first().click(),
    ]);
  });

  it.each([375, 1280])('renders the sources pages and the queue at %i px without horizontal scroll', async (width) => {
    await mkdir(SCREENSHOTS, { recursive: true });
    const page = await editor.context().newPage();
    await page.setViewportSize({ width, height: 900 });
    for (const [name, path] of [
      ['queue', '/desk/'],
      ['sources', '/desk/sources'],
      ['source', sourcePaths[0] ?? '/desk/sources'],
    ] as const) {
      expect((await page.goto(path))?.status()).toBe(200);
      await page.screenshot({ path: `${SCREENSHOTS}/desk-${name}-${width}.png`, fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
    await page.close();
  });
});

// Every desk page a signed-in editor sees, plus the login form and the conflict page.
const DESK_PAGES = ['/desk/', '/desk/weeks', '/desk/sources', 'SOURCE', 'DOCUMENT', 'DOCUMENT/history'];

async function collectPages(): Promise<{ name: string; html: string }[]> {
  const origin = baseUrl();
  const login = await fetch(`${origin}/desk/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ name: 'Validator', token: ADMIN_TOKEN }),
  });
  const cookie = (login.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
  const pages = [{ name: 'login', html: await (await fetch(`${origin}/desk/login`)).text() }];
  for (const path of DESK_PAGES) {
    const url = origin + path.replace('DOCUMENT', documentPath).replace('SOURCE', sourcePaths[0] ?? '/desk/sources');
    pages.push({
      name: path.replace(/\W+/g, '-'),
      html: await (await fetch(url, { headers: { Cookie: cookie } })).text(),
    });
  }
  const documentHtml = pages.find((page) => page.name === 'DOCUMENT')?.html ?? '';
  const token = /name="_token" value="([^"]+)"/.exec(documentHtml)?.[1] ?? '';
  const conflict = await fetch(`${origin}${documentPath}/texts/en`, {
    method: 'POST',
    headers: { Origin: origin, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _token: token, revision: '0', headline: 'Stale', p0: 'Stale.' }),
  });
  expect(conflict.status).toBe(409);
  pages.push({ name: 'conflict', html: await conflict.text() });
  // The sources form with its refused fields, and the result of a poll that failed.
  const post = (path: string, fields: Record<string, string>) =>
    fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { Origin: origin, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _token: token, ...fields }),
    });
  const refused = await post('/desk/sources', { name: '', feedUrl: 'ftp://x', language: 'en', rights: 'excerpt' });
  expect(refused.status).toBe(422);
  pages.push({ name: 'source-refused', html: await refused.text() });
  const polled = await post(`${sourcePaths[1] ?? '/desk/sources/0'}/poll`, {});
  expect(polled.status).toBe(200);
  pages.push({ name: 'source-polled', html: await polled.text() });
  return pages;
}

describe('every desk page', () => {
  let pages: { name: string; html: string }[] = [];

  beforeAll(async () => {
    pages = await collectPages();
  });

  it.each(['light', 'dark'] as const)('has no serious or critical axe violation in %s mode', async (colorScheme) => {
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const page = await newPage({ colorScheme, bypassCSP: true });
    for (const { name, html } of pages) {
      // Served through a route so the page has the desk's origin and its stylesheet.
      await page.route('**/__axe__', (route) => route.fulfill({ body: html, contentType: 'text/html' }));
      await page.goto('/__axe__');
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
        colorScheme === 'dark',
      );
      await page.evaluate(axeSource);
      const results = await page.evaluate(() =>
        (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe.run(),
      );
      expect(results.passes.length, name).toBeGreaterThan(0);
      const blocking = results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map(
          (violation) => `${name}: ${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
        );
      expect(blocking).toEqual([]);
      await page.unroute('**/__axe__');
    }
  });

  it('passes the Nu Html Checker', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'silk-desk-vnu-'));
    try {
      const files = await Promise.all(
        pages.map(async ({ name, html }) => {
          const file = join(dir, `${name}.html`);
          await writeFile(file, html);
          return file;
        }),
      );
      const jar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
      const stderr = await new Promise<string>((resolve, reject) => {
        execFile('java', ['-jar', jar, '--format', 'json', '--errors-only', ...files], (error, _stdout, err) => {
          if (error && !err.trim().startsWith('{')) reject(new Error(`vnu failed: ${err}`, { cause: error }));
          else resolve(err);
        });
      });
      const errors = (JSON.parse(stderr) as { messages: { url?: string; message: string; lastLine?: number }[] })
        .messages;
      expect(
        errors.map((message) => `${message.url?.split('/').at(-1)}:${message.lastLine}: ${message.message}`),
      ).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
