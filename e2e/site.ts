/** What the e2e files share: the editions, the page types to visit and a Chromium to visit them with. */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

export const EDITIONS = ['en', 'uz', 'uz-Cyrl', 'ja'] as const;
export type Edition = (typeof EDITIONS)[number];

/** <html lang> of each edition (src/services/languages.ts). */
export const TAGS: Record<Edition, string> = { en: 'en', uz: 'uz-Latn', 'uz-Cyrl': 'uz-Cyrl', ja: 'ja' };

// Slugs from the committed corpus (content/), the same ones tests/ use.
export const ARTICLE = 'mirziyoyev-and-takaichi-hold-talks-in-tokyo';
export const WEEK = '2025-W51';
const TOPIC = 'energy';
const ENTITY = 'samarkand';
/** A word every edition's search finds (the Samarkand stories), in that edition's script. */
export const SEARCH_TERMS: Record<Edition, string> = {
  en: 'Samarkand',
  uz: 'Samarqand',
  'uz-Cyrl': 'Самарқанд',
  ja: 'サマルカンド',
};

/** Every kind of page a reader can land on, as a path within an edition. */
export function pageTypes(lang: Edition): { name: string; path: string }[] {
  return [
    { name: 'home', path: `/${lang}/` },
    { name: 'article', path: `/${lang}/articles/${ARTICLE}` },
    { name: 'week', path: `/${lang}/weeks/${WEEK}` },
    { name: 'week-archive', path: `/${lang}/weeks/` },
    { name: 'topics', path: `/${lang}/topics/` },
    { name: 'topic', path: `/${lang}/topics/${TOPIC}` },
    { name: 'entity', path: `/${lang}/entities/${ENTITY}` },
    { name: 'search-results', path: `/${lang}/search?q=${encodeURIComponent(SEARCH_TERMS[lang])}` },
    { name: 'search-no-query', path: `/${lang}/search?q=` },
    { name: 'search-no-hits', path: `/${lang}/search?q=zzzqqxx` },
    { name: 'not-found', path: `/${lang}/no-such-page` },
    { name: 'subscribe', path: `/${lang}/subscribe` },
    { name: 'about', path: `/${lang}/about` },
  ];
}

export function baseUrl(): string {
  return inject('baseUrl');
}

/**
 * Debian's Chromium, never a browser playwright downloads: CI installs it with apt-get.
 * CHROMIUM_PATH is for machines that keep it elsewhere.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true });
}

export type PageOptions = Parameters<Browser['newContext']>[0];

/**
 * Chromium for one e2e file: launched before its tests, closed after them with every context it
 * opened. Returns the function that opens a page in a context of its own (cookies apart).
 */
export function useChromium(): (options?: PageOptions) => Promise<Page> {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
  });
  return async (options = {}) => {
    if (!browser) throw new Error('Chromium is not running yet');
    const context = await browser.newContext({ baseURL: baseUrl(), ...options });
    contexts.push(context);
    return context.newPage();
  };
}

/** Where every e2e file puts its screenshots. */
export const SCREENSHOTS = 'test-results/screenshots';
