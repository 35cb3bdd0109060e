import { describe, expect, it } from 'vitest';
import { chooseLanguage, parseAcceptLanguage, readCookie } from '../src/services/negotiate.ts';

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
  it('wins over Accept-Language when valid', () => {
    expect(chooseLanguage('lang=uz', 'ja')).toBe('uz');
    expect(chooseLanguage('theme=dark; lang=ja', 'en')).toBe('ja');
  });

  it('is ignored when malformed or unknown', () => {
    expect(chooseLanguage('lang=fr', 'ja')).toBe('ja');
    expect(chooseLanguage('lang=', 'uz')).toBe('uz');
    expect(chooseLanguage('lang=%E2%80%A8; =; ;;', null)).toBe('en');
    expect(chooseLanguage('xlang=ja', null)).toBe('en');
    expect(readCookie('a=1; lang="ja"', 'lang')).toBe('ja');
  });
});
