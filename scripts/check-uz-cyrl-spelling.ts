/**
 * npm run spelling: Debian's Uzbek Cyrillic dictionary (hunspell + hunspell-uz, GPL) as a test
 * oracle for the Cyrillic edition. Everything the uz-Cyrl pages are made of (the Uzbek article
 * translations and headlines, entity names and descriptions, the interface strings) is put through the
 * transliterator and every Cyrillic word is checked. A word hunspell rejects fails the run
 * unless it is a proper noun (written with a capital inside a sentence somewhere in the text,
 * or part of an entity name) or is on the reviewed list of the dictionary's own gaps
 * (scripts/hunspell-uz-gaps.txt, one word and the reason per line).
 *
 * The dictionary is only run, never read into or shipped with the project. Without hunspell
 * the check is skipped with a message locally, and fails under CI (where .ci/run installs it).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import uzCyrl from '../locales/generated/uz-Cyrl.json' with { type: 'json' };
import { transliterateUzLatnToCyrl } from '../src/services/transliterate.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const CYRILLIC_WORD = /[\p{Script=Cyrillic}]+/gu;
/** A word right after sentence-ending punctuation (or at the start) may be capitalised anyway. */
const SENTENCE_START = /(?:^|[.!?…:]\s+|[«“"(]\s*)$/u;
/**
 * hunspell-uz lists stems and a few forms, not Uzbek morphology (it rejects "шерикликни" and
 * "саноатда"), so a rejected word is also tried as a stem of three letters or more followed by
 * a chain of regular suffixes, and passes when hunspell accepts that stem. Longest first.
 */
const SUFFIXES = [
  'ларининг',
  'ларини',
  'ларида',
  'ларига',
  'лардан',
  'лардаги',
  'ларнинг',
  'лари',
  'ларни',
  'ларга',
  'ларда',
  'лар',
  'адиган',
  'ётган',
  'моқда',
  'диган',
  'лаштир',
  'лашув',
  'лаш',
  'лан',
  'тир',
  'дир',
  'нинг',
  'даги',
  'гача',
  'дан',
  'ини',
  'ига',
  'ида',
  'идан',
  'ининг',
  'имиз',
  'ингиз',
  'сини',
  'сига',
  'сида',
  'си',
  'ни',
  'га',
  'ка',
  'қа',
  'да',
  'ги',
  'ки',
  'ли',
  'лик',
  'сиз',
  'чи',
  'чилик',
  'иш',
  'ув',
  'ил',
  'ин',
  'ган',
  'ди',
  'иб',
  'ади',
  'ма',
  'ми',
  'и',
  'ов',
  'лараро',
  'аро',
  'виш',
  'ла',
  'мас',
];
const MIN_STEM = 3;

/** Every stem that `word` may be with suffixes removed from its end (not the word itself). */
function listStems(word: string, out = new Set<string>()): Set<string> {
  const lower = word.toLowerCase();
  for (const suffix of SUFFIXES) {
    if (!lower.endsWith(suffix) || lower.length - suffix.length < MIN_STEM) continue;
    const stem = lower.slice(0, -suffix.length);
    if (out.has(stem)) continue;
    out.add(stem);
    listStems(stem, out);
  }
  return out;
}

function runHunspell(list: Iterable<string>): SpawnSyncReturns<string> {
  return spawnSync('hunspell', ['-d', 'uz_UZ', '-l'], { input: [...list].join('\n'), encoding: 'utf8' });
}

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) collectStrings(item, out);
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
}

const texts: string[] = [];
const latin: string[] = [];
const dir = 'content/translations/uz';
for (const name of readdirSync(join(ROOT, dir)).filter((file) => file.endsWith('.json'))) {
  collectStrings(readJson(join(dir, name)), latin);
}
const entities = (readJson('content/entities.json') as { entities: { uz: string; description: { uz: string } }[] })
  .entities;
const entityNames = entities.map((entity) => transliterateUzLatnToCyrl(entity.uz));
// Entity pages show each entity's description too.
latin.push(...entities.map((entity) => entity.description.uz));
texts.push(...latin.map(transliterateUzLatnToCyrl), ...entityNames);
collectStrings(uzCyrl, texts);

const properNouns = new Set<string>();
for (const name of entityNames) for (const word of name.match(CYRILLIC_WORD) ?? []) properNouns.add(word);
const words = new Set<string>();
for (const text of texts) {
  // Interpolations ({{count}}) and suffixes glued to them or to a closing quote (“…”ni) are
  // not words of their own; nor is markup.
  const clean = text.replace(/(?:\{\{[^}]*\}\}|[”»])[\p{L}\u02BB\u02BC-]*|<[^>]*>/gu, ' ');
  for (const match of clean.matchAll(CYRILLIC_WORD)) {
    const word = match[0];
    words.add(word);
    const capital = word[0] !== word[0]?.toLowerCase();
    if (capital && !SENTENCE_START.test(clean.slice(0, match.index))) properNouns.add(word);
  }
}

const gapsFile = join(ROOT, 'scripts/hunspell-uz-gaps.txt');
const gaps = new Map<string, string>();
for (const line of readFileSync(gapsFile, 'utf8').split('\n')) {
  const [word, ...reason] = line.trim().split(/\s+/);
  if (word !== undefined && word !== '' && !word.startsWith('#')) gaps.set(word, reason.join(' '));
}

const run = runHunspell(words);
if (run.error !== undefined || run.status !== 0) {
  const why = run.error?.message ?? run.stderr;
  if (process.env['CI'] !== undefined) {
    console.error(`spelling: hunspell with the uz_UZ dictionary is required in CI (${why.trim()})`);
    process.exit(1);
  }
  console.warn(`spelling: SKIPPED, hunspell or its uz_UZ dictionary is not installed (${why.trim()}).`);
  console.warn('spelling: install the Debian packages hunspell and hunspell-uz to run this check.');
  process.exit(0);
}
const unknown = [...new Set(run.stdout.split('\n').filter((word) => word !== ''))];
const stems = new Map(unknown.map((word) => [word, listStems(word)]));
const allStems = new Set([...stems.values()].flatMap((set) => [...set]));
const unknownStems = new Set(runHunspell(allStems).stdout.split('\n'));
const rejected = unknown.filter((word) => ![...(stems.get(word) ?? [])].some((stem) => !unknownStems.has(stem)));
const isGap = (word: string): boolean =>
  gaps.has(word.toLowerCase()) || [...listStems(word)].some((stem) => gaps.has(stem));
const unexpected = rejected.filter((word) => !properNouns.has(word) && !isGap(word));
const unusedGaps = [...gaps.keys()].filter(
  (gap) => !rejected.some((word) => word.toLowerCase() === gap || listStems(word).has(gap)),
);
console.log(
  `spelling: ${words.size} distinct Cyrillic words, ${unknown.length} not in hunspell-uz, ` +
    `${unknown.length - rejected.length} of them a known stem with regular suffixes; ${rejected.length} left: ` +
    `${rejected.filter((word) => properNouns.has(word)).length} proper nouns, ` +
    `${rejected.length - unexpected.length - rejected.filter((word) => properNouns.has(word)).length} reviewed gaps`,
);
console.log(`spelling: proper nouns: ${rejected.filter((word) => properNouns.has(word)).join(' ')}`);
if (unusedGaps.length > 0) console.log(`spelling: gaps no longer met (may be removed): ${unusedGaps.join(' ')}`);
if (unexpected.length > 0) {
  console.error(
    `spelling: ${unexpected.length} words hunspell-uz rejects and nobody reviewed:\n${unexpected.join('\n')}`,
  );
  process.exit(1);
}
