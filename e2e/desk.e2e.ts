/**
 * The editors' desk in a real Chromium against `wrangler dev`: sign in with the keyboard, the
 * queue, approving and correcting machine translations (the reader pages follow), a second
 * editor's conflict, restoring a revision, a cross-site post refused; then axe (light and
 * dark) and the Nu Html Checker on every desk page.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AxeResults } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, DESK_ARTICLE } from './server.ts';
import { baseUrl, launchChromium } from './site.ts';

const MACHINE_LABEL = {
  uz: 'Bu tarjima mashina tomonidan bajarilgan',
  ja: 'この翻訳は機械翻訳で',
};

let browser: Browser;
const contexts: BrowserContext[] = [];
let documentPath = '';

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
});

async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), ...options });
  contexts.push(context);
  return context.newPage();
}

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

// Every desk page a signed-in editor sees, plus the login form and the conflict page.
const DESK_PAGES = ['/desk/', '/desk/weeks', 'DOCUMENT', 'DOCUMENT/history'];

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
    const url = origin + path.replace('DOCUMENT', documentPath);
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
