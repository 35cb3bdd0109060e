/**
 * Issue 15, search: snippets of about thirty words cut from the stored text (never from the
 * folded index), suggestions when nothing matches (typos included), help for an empty query.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { estimateReadingMinutes } from '../src/services/reading-time.ts';
import { cutSnippet, findMatches, SNIPPET_END, SNIPPET_START } from '../src/services/search-snippet.ts';
import { findCloseNames, measureEditDistance } from '../src/services/suggest.ts';
import { seedTestCorpus } from './helpers/corpus.ts';
import { get } from './helpers/http.ts';

beforeAll(async () => {
  await seedTestCorpus(env.DB);
});

async function page(path: string): Promise<string> {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  return response.text();
}

/** The result snippets of a search page, as text with <mark> tags. */
function snippetsOf(html: string): string[] {
  return [...html.matchAll(/<article class="story">.*?<\/p><p(?: lang="[^"]+")?>(.*?)<\/p><\/article>/g)].map(
    (match) => match[1] ?? '',
  );
}

describe('search snippets', () => {
  it('come from the stored text, with its apostrophe letters (not the folded index’s)', async () => {
    const snippets = snippetsOf(await page(`/uz/search?q=${encodeURIComponent('Samarqand')}`));
    expect(snippets.length).toBeGreaterThanOrEqual(2);
    const all = snippets.join('\n');
    // "maʼlum", "oʻtkazish": the index has "malum", "otkazish".
    expect(all).toMatch(/maʼlum|oʻtkazish/);
    expect(all).not.toMatch(/\b(?:malum|otkazish)\b/);
    expect(all).toContain('<mark>Samarqand</mark>');
  });

  it('are about thirty words around the match', async () => {
    for (const snippet of snippetsOf(await page('/en/search?q=Samarkand'))) {
      const words = snippet
        .replace(/<\/?mark>/g, '')
        .split(/\s+/)
        .filter(Boolean);
      expect(words.length, snippet).toBeGreaterThanOrEqual(20);
      expect(words.length, snippet).toBeLessThanOrEqual(31);
      expect(snippet).toContain('<mark>Samarkand</mark>');
    }
  });

  it('in Japanese, a window of characters around the match', async () => {
    const snippets = snippetsOf(await page(`/ja/search?q=${encodeURIComponent('サマルカンド')}`));
    expect(snippets.length).toBeGreaterThanOrEqual(2);
    for (const snippet of snippets) {
      expect(snippet).toContain('<mark>サマルカンド</mark>');
      expect(snippet.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(82);
    }
  });

  it('cutSnippet marks every match in the window and says where the text goes on', () => {
    const text = Array.from({ length: 80 }, (_, i) => (i === 40 ? 'Oʻzbekiston' : `w${i}`)).join(' ');
    const snippet = cutSnippet(text, ['ozbekiston']);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain(`${SNIPPET_START}Oʻzbekiston${SNIPPET_END}`);
    expect(snippet.split(/\s+/)).toHaveLength(30);
    expect(cutSnippet('short text', ['absent'])).toBe('short text');
    // Matches are found through case and apostrophe folding, and mapped back to the original.
    expect(findMatches('Gʻijduvon va GʻIJDUVON', ['gijduvon'])).toEqual([
      [0, 9],
      [13, 22],
    ]);
  });
});

describe('a search that finds nothing', () => {
  it('suggests the place a typo meant ("Samarkant") and the latest stories', async () => {
    const html = await page('/en/search?q=Samarkant');
    expect(html).toContain('role="status"');
    const suggestions = /aria-labelledby="search-suggestions">(.*?)<\/section>/.exec(html)?.[1] ?? '';
    expect(suggestions).toContain('<a href="/en/entities/samarkand">Samarkand</a>');
    const latest = /aria-labelledby="search-latest">(.*?)<\/section>/.exec(html)?.[1] ?? '';
    expect(latest).toContain('href="/en/articles/uzbekistan-and-japan-sign-12bn-cooperation-portfolio"');
  });

  it('suggests in the edition’s own names and script', async () => {
    const html = await page(`/uz-Cyrl/search?q=${encodeURIComponent('Самаркант')}`);
    expect(html).toContain('<a href="/uz-Cyrl/entities/samarkand">Самарқанд</a>');
    const topics = await page('/ja/search?q=Diplomacyy');
    expect(topics).toContain('<a href="/ja/topics/diplomacy">外交</a>');
  });

  it('an empty query shows how to search', async () => {
    const html = await page('/en/search?q=');
    expect(html).toContain('<h2 id="search-help">How to search</h2>');
    expect(html).not.toContain('search-latest');
  });

  it('closest names first, within one typo in five letters', () => {
    const candidates = [
      { key: 'samarkand', names: ['Samarkand', 'Samarqand', 'サマルカンド'] },
      { key: 'shavkat-mirziyoyev', names: ['Shavkat Mirziyoyev'] },
      { key: 'tashkent', names: ['Tashkent', 'Toshkent'] },
    ];
    expect(findCloseNames('Samarkant', candidates, 5)).toEqual(['samarkand']);
    expect(findCloseNames('Mirziyoev', candidates, 5)).toEqual(['shavkat-mirziyoyev']);
    expect(findCloseNames('Тошкент', candidates, 5)).toEqual(['tashkent']);
    expect(findCloseNames('xyzzy', candidates, 5)).toEqual([]);
    expect(findCloseNames('ab', candidates, 5)).toEqual([]);
    expect(measureEditDistance('samarkant', 'samarkand', 3)).toBe(1);
    expect(measureEditDistance('smaarkand', 'samarkand', 3)).toBe(1);
  });
});

describe('reading time', () => {
  it('counts words, and Japanese characters at their own rate', () => {
    expect(estimateReadingMinutes(['word '.repeat(440)])).toBe(2);
    expect(estimateReadingMinutes(['短い'])).toBe(1);
    expect(estimateReadingMinutes(['日本語'.repeat(500)])).toBe(3);
    expect(estimateReadingMinutes(['Oʻzbekiston '.repeat(660)])).toBe(3);
  });
});
