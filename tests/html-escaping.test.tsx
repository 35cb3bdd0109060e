import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Article } from '../src/db/article.ts';
import type { StoryListItem } from '../src/db/queries.ts';
import type { SearchHit } from '../src/db/search.ts';
import { SNIPPET_END, SNIPPET_START } from '../src/services/search-snippet.ts';
import { buildPageContext } from '../src/routes/page-helpers.tsx';
import { EDITIONS } from '../src/services/languages.ts';
import { parseSearchQuery } from '../src/services/search-query.ts';
import { ArticlePage } from '../src/views/article.tsx';
import { chooseLeadImage } from '../src/services/lead-image.ts';
import { HomePage } from '../src/views/home.tsx';
import { SearchPage } from '../src/views/listing.tsx';
import { renderFragment } from '../src/views/week.tsx';
import { findMarkupProblem } from './helpers/markup.ts';

// Any code point, lone surrogates, controls, FTS snippet markers and the pieces of markup attacks.
const unit = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  fc.constantFrom(
    '<',
    '>',
    '&',
    '"',
    "'",
    '`',
    '=',
    '<script>',
    '</script>',
    '<img src=x onerror=alert(1)>',
    '"><svg onload=alert(1)>',
    '<!--',
    ']]>',
    '&amp;',
    '&#60;',
    SNIPPET_START,
    SNIPPET_END,
    'mark',
  ),
);
const text = fc.string({ unit, maxLength: 30 });
const edition = fc.constantFrom(...EDITIONS);

async function render(node: Parameters<typeof renderFragment>[0]): Promise<string> {
  return renderFragment(node);
}

/** Checked without expect() on the HTML itself: a lone surrogate in a failure message aborts the run. */
function noProblem(html: string): boolean {
  const problem = findMarkupProblem(html);
  if (problem !== null) throw new Error(`markup from data: ${JSON.stringify(problem)}`);
  return true;
}

describe('HTML escaping (properties)', () => {
  it('an article page never lets stored text become markup', async () => {
    await fc.assert(
      fc.asyncProperty(
        edition,
        fc.record({
          headline: text,
          paragraphs: fc.array(fc.tuple(fc.constantFrom('p' as const, 'h' as const), text), {
            minLength: 1,
            maxLength: 3,
          }),
          sourceName: text,
          photoCredit: fc.option(text),
          publishedNote: fc.option(text),
          entityName: text,
          otherSource: text,
        }),
        async (lang, data) => {
          const article: Article = {
            slug: 'a-story',
            sourceName: data.sourceName,
            sourceUrl: 'https://source.example/story?a=1&b=2',
            publishedOn: '2025-12-17',
            publishedNote: data.publishedNote,
            isoWeek: '2025-W51',
            originalLanguage: 'en',
            headlineIsEditorial: false,
            photoCredit: data.photoCredit,
            updatedAt: '2025-12-18T00:00:00Z',
            weekSummaryLangs: ['en'],
            texts: [
              {
                lang: 'en',
                headline: data.headline,
                blocks: data.paragraphs.map(([kind, value]) => ({ kind, text: value })),
                origin: 'source',
              },
              { lang: 'uz', headline: data.headline, blocks: [{ kind: 'p', text: data.headline }], origin: 'human' },
            ],
            topics: ['energy'],
            entities: [
              {
                slug: 'an-entity',
                kind: 'place',
                nameEn: data.entityName,
                nameUz: data.entityName,
                nameJa: data.entityName,
                descriptionEn: null,
                descriptionUz: null,
                descriptionJa: null,
                mentions: 1,
              },
            ],
            otherSources: [
              { sourceName: data.otherSource, sourceUrl: 'https://other.example/', publishedOn: '2025-12-18' },
            ],
            provenance: {
              rights: 'excerpt',
              leadImageUrl: null,
              leadImageCredit: data.photoCredit,
              sourceLanguage: 'en',
            },
          };
          // A lead image whose URL and credit carry the stored text: attribute and caption escaping.
          const leadImage = data.photoCredit
            ? chooseLeadImage(
                'excerpt',
                `https://img.example/${data.otherSource}.jpg?t=${data.headline}`,
                data.photoCredit,
              )
            : null;
          const page = buildPageContext('https://digest.test/', lang, '/articles/a-story');
          // The story, the next story and related reports carry stored text too.
          const story = {
            slug: 'a-story',
            headline: data.headline,
            textLang: 'en',
            sentences: [data.headline],
            sources: [
              {
                slug: 'a-story',
                name: data.sourceName,
                url: 'https://source.example/',
                headline: data.headline,
                publishedOn: '2025-12-17',
              },
              {
                slug: 'b-story',
                name: data.otherSource,
                url: 'https://other.example/',
                headline: data.headline,
                publishedOn: '2025-12-18',
              },
            ],
            topics: ['energy'],
            publishedOn: '2025-12-18',
          };
          const related = [
            {
              slug: 'c-story',
              headline: data.headline,
              publishedOn: '2025-12-01',
              sourceName: data.sourceName,
              textLanguage: 'ja',
              shared: 1,
            },
          ];
          const pageData = { article, story, next: { story, week: '2025-W50' }, related };
          return noProblem(await render(<ArticlePage page={page} data={pageData} leadImage={leadImage} />));
        },
      ),
      { numRuns: 1000 },
    );
  }, 15_000);

  it('search results never let the query, headline or snippet become markup', async () => {
    await fc.assert(
      fc.asyncProperty(edition, text, text, text, text, async (lang, raw, headline, snippet, source) => {
        // The query as the route gets it: decoded from the URL, which cannot carry a lone
        // surrogate (percent-decoding UTF-8 never yields one), then parsed like the route does.
        const query = parseSearchQuery(raw.replace(/\p{Cs}/gu, '\uFFFD'));
        const hit: SearchHit = {
          slug: 'a-story',
          publishedOn: '2025-12-17',
          sourceName: source,
          headline,
          isFallback: false,
          textLanguage: 'en',
          snippet,
          snippetLanguage: 'en',
        };
        const page = buildPageContext('https://digest.test/', lang, '/search');
        const hits = [hit, { ...hit, isFallback: true, snippetLanguage: 'ja' }];
        const html = await render(
          <SearchPage
            page={page}
            query={query.text}
            terms={query.terms}
            hits={hits}
            total={2}
            pageNumber={1}
            pageCount={2}
            suggestions={{ names: [], latest: [] }}
          />,
        );
        // Nothing found: the suggestions carry stored names and headlines.
        const empty = await render(
          <SearchPage
            page={page}
            query={query.text || 'x'}
            terms={query.terms}
            hits={[]}
            total={0}
            pageNumber={1}
            pageCount={1}
            suggestions={{
              names: [{ label: headline, href: '/en/entities/x' }],
              latest: [
                { slug: 'a-story', headline, publishedOn: '2025-12-17', isFallback: true, textLanguage: 'ja' },
                { slug: 'b-story', headline: source, publishedOn: '2025-12-16', isFallback: false, textLanguage: 'en' },
              ],
            }}
          />,
        );
        return noProblem(html) && noProblem(empty);
      }),
      { numRuns: 1000 },
    );
  }, 15_000);

  it('home page teasers never let stored text become markup', async () => {
    await fc.assert(
      fc.asyncProperty(edition, text, text, text, fc.boolean(), async (lang, headline, summary, source, isFallback) => {
        const item: StoryListItem = {
          slug: 'a-story',
          publishedOn: '2025-12-17',
          isoWeek: '2025-W51',
          sourceName: source,
          headline,
          summary,
          isFallback,
          isMachineTranslation: !isFallback,
          textLanguage: 'en',
          topics: ['energy'],
          hasWeekSummary: true,
          updatedAt: '2025-12-17T09:00:00.000Z',
        };
        const page = buildPageContext('https://digest.test/', lang, '/');
        // The week's top story, from the stored summary, leads the page.
        const topStory = {
          week: '2025-W51',
          story: {
            headline,
            textLang: isFallback ? 'ja' : lang,
            sentences: [summary],
            sources: [
              { slug: 'a-story', name: source, url: 'https://a.example/', headline, publishedOn: '2025-12-17' },
            ],
            topics: [],
            publishedOn: '2025-12-17',
          },
        };
        return noProblem(
          await render(<HomePage page={page} items={[item]} pageNumber={1} pageCount={1} topStory={topStory} />),
        );
      }),
      { numRuns: 1000 },
    );
  }, 15_000);

  it('the checker itself rejects data that was not escaped', () => {
    expect(findMarkupProblem('<p><script>alert(1)</script></p>')).toMatch(/script/);
    expect(findMarkupProblem('<p><img src=x onerror=alert(1)></p>')).toMatch(/img/);
    expect(findMarkupProblem('<a href="x" onclick="y">z</a>')).toMatch(/tag/);
    expect(findMarkupProblem('<p>a & b</p>')).toMatch(/&/);
    expect(findMarkupProblem('<p>a > b</p>')).toMatch(/>/);
    expect(findMarkupProblem('<p title="&quot;&gt;">a &lt; b &amp; c</p>')).toBeNull();
  });
});
