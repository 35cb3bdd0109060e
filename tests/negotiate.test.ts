import fc from 'fast-check';
import { parse as parseCookie } from 'hono/utils/cookie';
import { describe, expect, it } from 'vitest';
import { EDITIONS, isEdition, type Edition } from '../src/services/languages.ts';
import { chooseLanguage, parseAcceptLanguage } from '../src/services/negotiate.ts';
import { get } from './helpers/http.ts';

describe('Accept-Language', () => {
  it('honours q-values and maps regional tags', () => {
    expect(chooseLanguage(null, 'ja-JP')).toBe('ja');
    expect(chooseLanguage(null, 'uz-UZ')).toBe('uz');
    expect(chooseLanguage(null, 'uz-Latn-UZ,ru;q=0.8')).toBe('uz');
    expect(chooseLanguage(null, 'fr-FR, en;q=0.1, ja;q=0.9')).toBe('ja');
    expect(chooseLanguage(null, 'en-GB;q=0.5, uz;q=0.6')).toBe('uz');
  });

  it('excludes q=0 and falls back to English', () => {
    expect(chooseLanguage(null, 'ja;q=0, uz;q=0.000')).toBe('en');
    expect(chooseLanguage(null, 'ja;q=0, uz;q=0.2')).toBe('uz');
    expect(chooseLanguage(null, undefined)).toBe('en');
    expect(chooseLanguage(null, 'de, fr')).toBe('en');
    expect(chooseLanguage(null, '*')).toBe('en');
  });

  it('skips malformed ranges without failing', () => {
    expect(parseAcceptLanguage('ja;q=abc, uz')).toEqual([{ tag: 'uz', q: 1 }]);
    expect(parseAcceptLanguage(';;;,,,=,ja;q=2')).toEqual([]);
    expect(parseAcceptLanguage('x'.repeat(10_000))).toEqual([]);
    expect(chooseLanguage(null, 'en-;q=1, -ja, ja_JP, ja;q=0.5')).toBe('ja');
    expect(parseAcceptLanguage('ja, uz;q=0.5, en;q=0.9')).toEqual([
      { tag: 'ja', q: 1 },
      { tag: 'en', q: 0.9 },
      { tag: 'uz', q: 0.5 },
    ]);
  });
});

describe('lang cookie', () => {
  it('wins over Accept-Language when it names an edition', () => {
    expect(chooseLanguage('uz', 'ja')).toBe('uz');
    expect(chooseLanguage('fr', 'ja')).toBe('ja');
    expect(chooseLanguage('', 'uz')).toBe('uz');
    expect(chooseLanguage('\u2028', null)).toBe('en');
  });

  // The cookie header itself is read by hono/cookie at the route.
  it('is read from the Cookie header as sent, and ignored when malformed or unknown', async () => {
    const cases: [string, string][] = [
      ['lang=uz', 'uz'],
      ['theme=dark; lang=ja', 'ja'],
      ['a=1; lang="ja"', 'ja'],
      ['lang=fr', 'en'],
      ['lang=', 'en'],
      ['lang=%E2%80%A8; =; ;;', 'en'],
      ['lang=%E2%80', 'en'],
      ['xlang=ja', 'en'],
    ];
    for (const [cookie, edition] of cases) {
      const response = await get('/', { Cookie: cookie });
      expect(response.status, cookie).toBe(302);
      expect(response.headers.get('Location'), cookie).toBe(`/${edition}/`);
    }
  });
});

// Language ranges a browser may send, with the edition each one means (null: none of ours).
const KNOWN_RANGES: [string, Edition | null][] = [
  ['en', 'en'],
  ['en-GB', 'en'],
  ['EN-us', 'en'],
  ['ja', 'ja'],
  ['ja-JP', 'ja'],
  ['uz', 'uz'],
  ['uz-UZ', 'uz'],
  ['uz-Latn', 'uz'],
  ['uz-Latn-UZ', 'uz'],
  ['uz-Cyrl', 'uz-Cyrl'],
  ['UZ-cyrl-uz', 'uz-Cyrl'],
  ['fr', null],
  ['de-DE', null],
  ['ru', null],
  ['zh-Hant-TW', null],
  ['*', null],
];

interface GeneratedRange {
  tag: string;
  edition: Edition | null;
  /** Thousandths; null when the range has no q parameter (q=1). */
  q: number | null;
  spaces: string;
}

const rangeArbitrary: fc.Arbitrary<GeneratedRange> = fc
  .record({
    known: fc.constantFrom(...KNOWN_RANGES),
    q: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1000 })), { nil: null }),
    spaces: fc.constantFrom('', ' ', '  ', '\t'),
  })
  .map(({ known: [tag, edition], q, spaces }) => ({ tag, edition, q, spaces }));

function formatRange({ tag, q, spaces }: GeneratedRange): string {
  if (q === null) return `${spaces}${tag}`;
  const weight = q === 1000 ? '1' : `0.${String(q).padStart(3, '0').replace(/0+$/, '') || '0'}`;
  return `${spaces}${tag}${spaces};${spaces}q=${weight}`;
}

/** What RFC 9110 asks for, written independently: the highest positive weight wins, earlier first on ties. */
function expectedEdition(ranges: GeneratedRange[]): Edition {
  let best: { edition: Edition; q: number } | null = null;
  for (const range of ranges) {
    const q = range.q ?? 1000;
    if (q === 0 || range.edition === null) continue;
    if (best === null || q > best.q) best = { edition: range.edition, q };
  }
  return best?.edition ?? 'en';
}

// Arbitrary text, including control characters, lone surrogates and the header's own syntax.
const headerText = fc.string({
  unit: fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.constantFrom(',', ';', '=', 'q=', 'q=0', 'q=1', '-', '*', ' ', '"', 'lang=', 'ja', 'uz', 'Cyrl', '\u0000'),
  ),
  maxLength: 80,
});

describe('negotiation (properties)', () => {
  it('never throws and always answers an edition, whatever the headers', () => {
    fc.assert(
      fc.property(fc.option(headerText), fc.option(headerText), (cookie, acceptLanguage) => {
        expect(isEdition(chooseLanguage(parseCookie(cookie ?? '', 'lang').lang, acceptLanguage))).toBe(true);
        for (const range of parseAcceptLanguage(acceptLanguage)) {
          expect(range.q).toBeGreaterThan(0);
          expect(range.q).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('chooses the highest positive weight and never a range with q=0', () => {
    fc.assert(
      fc.property(fc.array(rangeArbitrary, { maxLength: 12 }), (ranges) => {
        const chosen = chooseLanguage(null, ranges.map(formatRange).join(','));
        expect(chosen).toBe(expectedEdition(ranges));
        // Stated on its own as well: an edition the reader refused everywhere (q=0) is only
        // ever the answer as the default, never because of a refused range.
        const refused = ranges.filter((range) => range.edition === chosen).every((range) => range.q === 0);
        if (refused && ranges.some((range) => range.edition === chosen)) expect(chosen).toBe('en');
      }),
      { numRuns: 5000 },
    );
  });

  it('respects an exact edition tag, alone or first at full weight', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EDITIONS), fc.array(rangeArbitrary, { maxLength: 6 }), (edition, rest) => {
        expect(chooseLanguage(null, edition)).toBe(edition);
        expect(chooseLanguage(null, [edition, ...rest.map(formatRange)].join(','))).toBe(edition);
      }),
      { numRuns: 2000 },
    );
  });

  it('lets a valid lang cookie win among other cookies, and ignores any other value', () => {
    const cookieName = fc.stringMatching(/^[a-z_]{1,8}$/).filter((name) => name !== 'lang');
    const otherCookie = fc
      .tuple(cookieName, fc.stringMatching(/^[^;]{0,12}$/))
      .map(([name, value]) => `${name}=${value}`);
    fc.assert(
      fc.property(
        fc.array(otherCookie, { maxLength: 5 }),
        fc.array(otherCookie, { maxLength: 5 }),
        fc.oneof(fc.constantFrom(...EDITIONS), headerText),
        fc.array(rangeArbitrary, { maxLength: 6 }),
        (before, after, value, ranges) => {
          const header = [...before, `lang=${value}`, ...after].join('; ');
          const acceptLanguage = ranges.map(formatRange).join(',');
          // What the route does: hono/cookie reads the header (getCookie is this parse).
          const chosen = chooseLanguage(parseCookie(header, 'lang').lang, acceptLanguage);
          // Cookie syntax trims spaces and tabs only (RFC 6265); "\nuz" is not uz.
          const stored = value.replace(/^[ \t]+|[ \t]+$/g, '').replace(/^"(.*)"$/, '$1');
          if (!value.includes(';') && isEdition(stored)) expect(chosen).toBe(stored);
          else if (!value.includes(';') && !value.includes('lang=') && !value.includes('%')) {
            expect(chosen).toBe(expectedEdition(ranges));
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('redirects "/" to an edition for any printable headers', async () => {
    const printable = fc.string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
      maxLength: 60,
    });
    await fc.assert(
      fc.asyncProperty(printable, printable, async (cookie, acceptLanguage) => {
        const response = await get('/', { Cookie: cookie, 'Accept-Language': acceptLanguage });
        expect(response.status).toBe(302);
        expect(response.headers.get('Location')).toMatch(/^\/(en|uz|uz-Cyrl|ja)\/$/);
      }),
      { numRuns: 300 },
    );
  });
});
