/** axe-core in Chromium on every page type of every edition, light and dark: no serious or critical violation. */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import type { AxeResults } from 'axe-core';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, EDITIONS, launchChromium, pageTypes } from './site.ts';

const SCHEMES = ['light', 'dark'] as const;

let browser: Browser;
let axeSource: string;
const contexts = new Map<(typeof SCHEMES)[number], BrowserContext>();

beforeAll(async () => {
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  browser = await launchChromium();
  for (const colorScheme of SCHEMES) {
    // bypassCSP: the site's Content-Security-Policy rightly forbids injected scripts like axe.
    contexts.set(colorScheme, await browser.newContext({ baseURL: baseUrl(), colorScheme, bypassCSP: true }));
  }
});

afterAll(async () => {
  await Promise.all([...contexts.values()].map((context) => context.close()));
  await browser?.close();
});

describe.each(SCHEMES)('%s mode', (scheme) => {
  describe.each(EDITIONS)('%s', (edition) => {
    it.each(pageTypes(edition))('$name ($path)', async ({ path }) => {
      const page = await contexts.get(scheme)!.newPage();
      try {
        await page.goto(path);
        // The dark run must really render the dark palette, or it would only repeat the light one.
        expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
        await page.evaluate(axeSource);
        const results = await page.evaluate(() =>
          (window as unknown as { axe: { run: (options: object) => Promise<AxeResults> } }).axe.run({
            resultTypes: ['violations'],
          }),
        );
        // A run that checked nothing (axe failed to see the page) must not count as a pass.
        expect(results.passes.length).toBeGreaterThan(0);
        const blocking = results.violations.filter(
          (violation) => violation.impact === 'serious' || violation.impact === 'critical',
        );
        const report = blocking.map(
          (violation) =>
            `${violation.id} (${violation.impact}): ${violation.help}\n` +
            violation.nodes.map((node) => `  ${node.target.join(' ')}: ${node.failureSummary ?? ''}`).join('\n'),
        );
        expect(report, report.join('\n')).toEqual([]);
      } finally {
        await page.close();
      }
    });
  });
});
