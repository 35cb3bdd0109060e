/** A reader's paths through the site in a real Chromium: language choice, switch, search, topics, keyboard. */
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE, EDITIONS, SCREENSHOTS, SEARCH_TERMS, TAGS, useChromium, WEEK, type Edition } from './site.ts';

/** A character of the edition's own script: what tells one edition's content from another's. */
// Latin text (Uzbek's ʻ is a modifier letter of no script) without Cyrillic or Japanese in it.
const LATIN_ONLY =
  /^(?=.*\p{Script=Latin})[^\p{Script=Cyrillic}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]*$/u;
const SCRIPT: Record<Edition, RegExp> = {
  en: LATIN_ONLY,
  uz: LATIN_ONLY,
  'uz-Cyrl': /\p{Script=Cyrillic}/u,
  ja: /[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}]/u,
};

const newPage = useChromium();

async function langCookie(page: Page): Promise<string | undefined> {
  return (await page.context().cookies()).find((cookie) => cookie.name === 'lang')?.value;
}

describe('language negotiation', () => {
  it.each([
    ['ja-JP', 'ja'],
    ['uz-UZ', 'uz'],
    ['uz-Cyrl', 'uz-Cyrl'],
    ['en-GB', 'en'],
    ['fr', 'en'],
  ] as const)('Accept-Language %s lands on the %s edition', async (acceptLanguage, edition) => {
    const page = await newPage({ extraHTTPHeaders: { 'Accept-Language': acceptLanguage } });
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/${edition}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe(TAGS[edition]);
  });
});

describe('language switch', () => {
  it.each([
    ['an article', `/articles/${ARTICLE}`],
    ['a week', `/weeks/${WEEK}`],
  ])('on %s goes through every edition and remembers the choice', async (_kind, rest) => {
    const page = await newPage();
    await page.goto(`/en${rest}`);
    let previous = await page.locator('main h1').innerText();
    // en last, so every step is a real change of edition.
    for (const edition of ['uz', 'uz-Cyrl', 'ja', 'en'] as const) {
      await page.locator(`nav.langs a[hreflang="${TAGS[edition]}"]`).click();
      await page.waitForURL((url) => url.pathname === `/${edition}${rest}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(TAGS[edition]);
      expect(await langCookie(page)).toBe(edition);
      const heading = await page.locator('main h1').innerText();
      expect(heading, `${edition} heading`).not.toBe(previous);
      expect(heading, `${edition} heading`).toMatch(SCRIPT[edition]);
      await expect
        .poll(() => page.locator(`nav.langs a[aria-current="page"]`).getAttribute('hreflang'))
        .toBe(TAGS[edition]);
      previous = heading;
    }
    // The cookie now outranks Accept-Language at the root.
    await page.context().setExtraHTTPHeaders({ 'Accept-Language': 'ja' });
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/en/');
  });
});

describe('search box', () => {
  it.each(EDITIONS)('%s: typing a word and pressing Enter shows matching stories', async (edition) => {
    const page = await newPage();
    await page.goto(`/${edition}/`);
    const box = page.locator('#site-search');
    await box.click();
    await box.pressSequentially(SEARCH_TERMS[edition]);
    await box.press('Enter');
    await page.waitForURL((url) => url.pathname === `/${edition}/search`);
    expect(new URL(page.url()).searchParams.get('q')).toBe(SEARCH_TERMS[edition]);
    await expect.poll(() => box.inputValue()).toBe(SEARCH_TERMS[edition]);
    expect(await page.locator(`main a[href="/${edition}/articles/${ARTICLE}"]`).count()).toBeGreaterThan(0);
    expect(await page.locator('main mark').count()).toBeGreaterThan(0);
  });
});

describe('topics', () => {
  it.each(EDITIONS)('%s: a topic link of an article lists that topic’s stories', async (edition) => {
    const page = await newPage();
    await page.goto(`/${edition}/articles/${ARTICLE}`);
    const link = page.locator(`main a[href^="/${edition}/topics/"]`).first();
    const topicName = (await link.innerText()).trim();
    const href = await link.getAttribute('href');
    await link.click();
    await page.waitForURL((url) => url.pathname === href);
    expect(await page.locator('main h1').innerText()).toContain(topicName);
    expect(await page.locator(`main a[href^="/${edition}/articles/"]`).count()).toBeGreaterThan(0);
  });
});

describe('keyboard only', () => {
  /** What has focus, and whether it shows it: an outline or box-shadow a sighted keyboard user can see. */
  function focused(page: Page) {
    return page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element) return null;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      return {
        tag: element.tagName.toLowerCase(),
        id: element.id,
        className: element.className,
        inLanguageSwitch: Boolean(element.closest('nav.langs')),
        visibleFocus:
          (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none',
        onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0,
      };
    });
  }

  it.each(EDITIONS)('%s: the first Tab reaches the skip link, which moves focus to main', async (edition) => {
    const page = await newPage();
    await page.goto(`/${edition}/articles/${ARTICLE}`);
    await page.keyboard.press('Tab');
    const skip = await focused(page);
    expect(skip).toMatchObject({ tag: 'a', className: 'skip', visibleFocus: true, onScreen: true });
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page))?.id).toBe('main');
    expect(new URL(page.url()).hash).toBe('#main');
  });

  it.each(EDITIONS)('%s: Tab reaches the language switch and the search box, focus always visible', async (edition) => {
    const page = await newPage();
    await page.goto(`/${edition}/weeks/${WEEK}`);
    const seen: NonNullable<Awaited<ReturnType<typeof focused>>>[] = [];
    for (let i = 0; i < 15; i += 1) {
      await page.keyboard.press('Tab');
      const state = await focused(page);
      if (!state || state.tag === 'body') break;
      seen.push(state);
      if (state.id === 'site-search') break;
    }
    expect(seen.some((state) => state.inLanguageSwitch)).toBe(true);
    expect(seen.at(-1)?.id).toBe('site-search');
    for (const state of seen)
      expect(state, JSON.stringify(state)).toMatchObject({ visibleFocus: true, onScreen: true });
  });
});

/** Issue 15, defect 8: the site on a phone (375 × 812, an iPhone's viewport) and on paper. */
describe('phone layout and print', () => {
  const PHONE = { width: 375, height: 812 };

  it.each(EDITIONS)('%s: the header takes at most a fifth of the screen, nothing in it cut off', async (edition) => {
    const page = await newPage({ viewport: PHONE });
    await page.goto(`/${edition}/weeks/${WEEK}`);
    const header = await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('#site-search')!;
      const style = getComputedStyle(input);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontSize} ${style.fontFamily}`;
      const menu = document.querySelector('.sections ul')!;
      return {
        height: document.querySelector('header.site')!.getBoundingClientRect().height,
        placeholder: context.measureText(input.placeholder).width,
        inputRoom: input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
        menuOverflow: menu.scrollWidth - menu.clientWidth,
      };
    });
    expect(header.height).toBeLessThanOrEqual(PHONE.height * 0.2);
    expect(header.placeholder, 'the search placeholder fits its box').toBeLessThanOrEqual(header.inputRoom);
    expect(header.menuOverflow, 'no menu entry is cut off').toBeLessThanOrEqual(0);
  });

  it.each(EDITIONS)('%s: tags and menu links are touch targets of 24 px or more', async (edition) => {
    const page = await newPage({ viewport: PHONE });
    await page.goto(`/${edition}/articles/${ARTICLE}`);
    const heights = await page.evaluate(() =>
      [...document.querySelectorAll('.chips a, .sections a, .langs a')].map(
        (link) => link.getBoundingClientRect().height,
      ),
    );
    expect(heights.length).toBeGreaterThan(10);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(24);
  });

  it.each(EDITIONS)('%s: an article’s date and source each stay on one row with their label', async (edition) => {
    const page = await newPage({ viewport: PHONE });
    await page.goto(`/${edition}/articles/${ARTICLE}`);
    const rows = await page.evaluate(() =>
      [...document.querySelectorAll('dl.facts dt')].map((term) => [
        Math.round(term.getBoundingClientRect().top),
        Math.round(term.nextElementSibling!.getBoundingClientRect().top),
      ]),
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const [term, definition] of rows) expect(definition).toBe(term);
  });

  it('print leaves out the search box and the subscription links', async () => {
    const page = await newPage();
    await page.goto(`/en/weeks/${WEEK}`);
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['form.search', '.footer-links', 'p.follow', 'nav.langs']) {
      expect(await page.locator(selector).first().isVisible(), selector).toBe(false);
    }
    expect(await page.locator('main h1').isVisible()).toBe(true);
  });
});

describe('screenshots', () => {
  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  for (const width of [1280, 375]) {
    it.each(EDITIONS)(`%s at ${width} px: every kind of page renders without horizontal scroll`, async (edition) => {
      const page = await newPage({ viewport: { width, height: 900 } });
      for (const [name, rest] of [
        ['home', '/'],
        ['article', `/articles/${ARTICLE}`],
        ['week', `/weeks/${WEEK}`],
        ['week-archive', '/weeks/'],
        ['topic', '/topics/energy'],
        ['subscribe', '/subscribe'],
        ['about', '/about'],
        ['search-no-hits', '/search?q=Samarkant'],
      ] as const) {
        const response = await page.goto(`/${edition}${rest}`);
        expect(response?.status()).toBe(200);
        await page.screenshot({ path: `${SCREENSHOTS}/${edition}-${name}-${width}.png`, fullPage: true });
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(scrollWidth, `${edition}${rest} is wider than the ${width} px viewport`).toBeLessThanOrEqual(width);
      }
    });
  }
});
