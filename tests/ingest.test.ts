import { describe, expect, it } from 'vitest';
import { cleanCapture, createSlug, IngestError, type ManifestEntry } from '../src/services/ingest.ts';
import { manifestEntries, raws } from './helpers/corpus.ts';

/** Lines of each capture that are site furniture, not report (checked by hand against the captures). */
const BOILERPLATE: Record<string, string[]> = {
  '000_1b94b536c32d36bf.txt': [
    'Uzbekistan-Japan: Exploring Bilateral Cooperation Prospects',
    'Photo credit: UzA',
    'Latest News & Breaking Stories | Stay Updated with Caspianpost.com - Uzbekistan-Japan: Exploring Bilateral Cooperation Prospects',
    'Related news',
  ],
  '001_942d15044b1cbbfd.txt': [],
  '002_e7cbe0051b8a12e2.txt': ['Uzbekistan and Japan sign $12bn cooperation portfolio', 'Tags'],
  '003_2be428ef91de6d60.txt': [
    '#Uzbekistan and #Japan strengthen tech #ties, sealing 14 #agreements',
    '— Daryo | Central Asia & Afghanistan (@DaryoEng) January 12, 2024',
    '🇺🇿🤝🇯🇵',
    'In total, 14 agreements were signed at the forum, covering a spectrum of sectors beyond #IT and #education.',
    '👉Details — https://t.co/bnt0k9k7Ei@MIIT_uz #UzbekJapanTechTies… pic.twitter.com/DLBdUD6tJK',
    "Follow Daryo's official Instagram and Twitter pages to keep current on world news.",
    'Comments (0)',
  ],
  '004_6017495ba7d66406.txt': [
    '17 April 2022',
    'Dialogue “Central Asia + Japan” is an effective platform for cooperation',
  ],
};

function entry(file: string): ManifestEntry {
  const found = manifestEntries.find((candidate) => candidate.file === file);
  if (!found) throw new Error(`no manifest entry for ${file}`);
  return found;
}

describe('cleanCapture on the five captures', () => {
  for (const [file, boilerplate] of Object.entries(BOILERPLATE)) {
    it(`${file}: keeps every line of the report and none of the boilerplate`, () => {
      const raw = raws[file] ?? '';
      const clean = cleanCapture(raw, entry(file), 'Editorial headline');
      const body = clean.blocks.map((block) => block.text);
      const reportLines = [
        ...new Set(
          raw
            .split('\n')
            .map((line) => line.replace(/\s+/g, ' ').trim())
            .filter(Boolean),
        ),
      ].filter((line) => !boilerplate.includes(line));
      for (const line of reportLines) expect(body).toContain(line);
      // Each report line appears exactly once: the repeated lead under "Related news" is gone.
      expect(body).toHaveLength(reportLines.length);
      for (const line of boilerplate) expect(body.join('\n')).not.toContain(line);
      expect(body.join('\n')).not.toMatch(/t\.co\/|pic\.twitter\.com|Comments \(\d+\)|Stay Updated/);
    });
  }

  it('takes the headline from the manifest and records an editorial one where there is none', () => {
    expect(cleanCapture(raws['002_e7cbe0051b8a12e2.txt'] ?? '', entry('002_e7cbe0051b8a12e2.txt')).headlineOrigin).toBe(
      'manifest',
    );
    const untitled = cleanCapture(raws['001_942d15044b1cbbfd.txt'] ?? '', entry('001_942d15044b1cbbfd.txt'), 'Talks');
    expect(untitled.headline).toBe('Talks');
    expect(untitled.headlineOrigin).toBe('editorial');
    expect(() => cleanCapture(raws['001_942d15044b1cbbfd.txt'] ?? '', entry('001_942d15044b1cbbfd.txt'))).toThrow(
      IngestError,
    );
  });

  it('takes a headline from the text when the manifest has none', () => {
    const clean = cleanCapture('A Headline Without A Period\n\nThe body sentence is here.', {
      ...entry('002_e7cbe0051b8a12e2.txt'),
      title: null,
    });
    expect(clean.headline).toBe('A Headline Without A Period');
    expect(clean.headlineOrigin).toBe('text');
    expect(clean.blocks).toEqual([{ kind: 'p', text: 'The body sentence is here.' }]);
  });

  it('keeps the photo credit as a field, not as body text', () => {
    const clean = cleanCapture(raws['000_1b94b536c32d36bf.txt'] ?? '', entry('000_1b94b536c32d36bf.txt'));
    expect(clean.photoCredit).toBe('UzA');
    expect(clean.blocks.some((block) => block.text.includes('Photo credit'))).toBe(false);
  });

  it('marks a short unpunctuated line inside the body as a subheading', () => {
    const clean = cleanCapture(raws['003_2be428ef91de6d60.txt'] ?? '', entry('003_2be428ef91de6d60.txt'), 'x');
    expect(clean.blocks.filter((block) => block.kind === 'h').map((block) => block.text)).toEqual([
      'Uzbekistan and Japan Relations',
    ]);
  });

  it('rejects a capture with no body', () => {
    expect(() => cleanCapture('\n\nComments (0)\n', entry('002_e7cbe0051b8a12e2.txt'))).toThrow(IngestError);
  });
});

describe('createSlug', () => {
  it('makes ASCII slugs from any headline', () => {
    expect(createSlug('Uzbekistan and Japan sign $12bn cooperation portfolio')).toBe(
      'uzbekistan-and-japan-sign-12bn-cooperation-portfolio',
    );
    expect(createSlug('Oʻzbekiston va Yaponiya: hamkorlik')).toBe('ozbekiston-va-yaponiya-hamkorlik');
    expect(createSlug('日本')).toBe('untitled');
    expect(createSlug('a '.repeat(100)).length).toBeLessThanOrEqual(80);
  });
});
