import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { chooseLanguage } from '../src/services/negotiate.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { get } from './helpers/http.ts';

const ARTICLE = 'mirziyoyev-and-takaichi-hold-talks-in-tokyo';
/** Latin letters of Uzbek words (brand names, acronyms and URLs aside) must not survive. */
const UZBEK_LATIN_WORD = /\b(?:va|bilan|uchun|hamkorlik|Oʻzbekiston|Yaponiya|boʻyicha)\b/;

beforeAll(async () => {
  await seedTestCorpus(env.DB);
  await worker.scheduled(
    createScheduledController({ scheduledTime: new Date('2025-12-22T06:00:00Z'), cron: '0 6 * * 1' }),
    env,
  );
});

/**
 * The page's main content, minus text explicitly tagged as Latin Uzbek (the links to the same
 * article in the other editions show its Latin headline, correctly marked up).
 */
function mainOf(html: string): string {
  const main = html.split('<main')[1]?.split('</main>')[0] ?? '';
  return main.replace(/<span lang="uz-Latn">[^<]*<\/span>/g, '');
}

describe('Uzbek Cyrillic edition', () => {
  it('serves the home page in Cyrillic with its own dates and plurals', async () => {
    const response = await get('/uz-Cyrl/');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="uz-Cyrl">');
    expect(html).toContain('2025 йил 20 декабрь');
    expect(html).toContain('2025 йил 51-ҳафта<span class="meta"> (15–21 декабрь)</span>');
    expect(html).toContain('Ўзбекистон');
    expect(mainOf(html)).not.toMatch(UZBEK_LATIN_WORD);
  });

  it('serves articles transliterated from the Latin text, with names in Cyrillic', async () => {
    const html = await (await get(`/uz-Cyrl/articles/${ARTICLE}`)).text();
    expect(html).toContain('Шавкат Мирзиёев');
    expect(html).toContain('Самарқанд');
    expect(mainOf(html)).not.toMatch(UZBEK_LATIN_WORD);
    expect(html).toContain('<link rel="alternate" hreflang="uz-Cyrl" href="https://digest.test/uz-Cyrl/articles/');
    expect(html).toContain('<link rel="alternate" hreflang="uz-Latn" href="https://digest.test/uz/articles/');
  });

  it('offers the four editions by their own names', async () => {
    const html = await (await get(`/en/articles/${ARTICLE}`)).text();
    for (const name of ['English', 'Oʻzbekcha', 'Ўзбекча', '日本語']) expect(html).toContain(`>${name}</a>`);
    expect(html).toContain(`href="/lang/uz-Cyrl?next=${encodeURIComponent(`/uz-Cyrl/articles/${ARTICLE}`)}"`);
  });

  it('has weekly summaries and feeds in Cyrillic', async () => {
    const week = await (await get('/uz-Cyrl/weeks/2025-W51')).text();
    expect(week).toContain('12 млрд доллар');
    expect(mainOf(week)).not.toMatch(UZBEK_LATIN_WORD);
    const rss = await (await get('/uz-Cyrl/feed.xml')).text();
    expect(XMLValidator.validate(rss)).toBe(true);
    expect(rss).toContain('<language>uz-Cyrl</language>');
    expect(parseFeed(rss).items).toHaveLength(4);
  });

  it('is chosen by Accept-Language uz-Cyrl and by the cookie', async () => {
    expect(chooseLanguage(null, 'uz-Cyrl')).toBe('uz-Cyrl');
    expect(chooseLanguage(null, 'uz-Cyrl-UZ, uz;q=0.9')).toBe('uz-Cyrl');
    expect(chooseLanguage('uz-Cyrl', 'en')).toBe('uz-Cyrl');
    const response = await get('/', { 'Accept-Language': 'uz-Cyrl' });
    expect(response.headers.get('Location')).toBe('/uz-Cyrl/');
  });

  it('finds Latin Uzbek text from a Cyrillic query and shows it in Cyrillic', async () => {
    const html = await (await get(`/uz-Cyrl/search?q=${encodeURIComponent('Самарқанд')}`)).text();
    expect(html).toContain(`href="/uz-Cyrl/articles/${ARTICLE}"`);
  });
});
