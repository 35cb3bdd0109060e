/**
 * The lexicon's lookups: which dictionary stem a Latin word starts with (followed only by
 * Uzbek suffixes), which words stay Latin, which capitalised abbreviations are Uzbek. The
 * entries themselves are data (`lexicon-data.ts`); this module only indexes them.
 */
import { spellCyrillicInLatin } from './cyrillic-to-latin.ts';
import {
  BOUND_PREFIXES,
  E_INSIDE,
  HARD_SIGN,
  KEEP_LATIN,
  NOT_TSE,
  O_HARD_SIGN,
  PREFIXES,
  SOFT_SIGN_FINAL,
  SOFT_SIGN_INSIDE,
  TSE,
  UZBEK_ACRONYMS,
  YE_AFTER_VOWEL,
  YOT_E,
  YOT_O,
} from './lexicon-data.ts';

interface Entry {
  /** The bare word. */
  cyrillic: string;
  /** The stem before a suffix: a final ь is dropped (октябрь, октябрда). */
  stem: string;
}

/**
 * Inflectional and common derivational suffixes that may follow a dictionary stem. Matched
 * as a chain (konsert+lar+i+da); the chain is short in real words, and the length check in
 * `splitStem` keeps this ambiguous alternation from backtracking on hostile input.
 */
const SUFFIX_CHAIN =
  /^(?:lar|ning|ni|gacha|ga|ka|qa|dagi|dan|da|gi|dek|day|dir|imiz|ingiz|im|ing|i|si|miz|ngiz|m|ng|lik|li|siz|chi|cha|dor|viy|mi|ku|yu|u|lashtir|lash|ish|gan|gina|tir|di|ib|adi|moqda|ilgan|chilik|shunos|lashuv|lan)*$/;
const MAX_SUFFIX_CHAIN = 16;
/**
 * A stem of four Latin letters or fewer (mer, rol, sex) takes only noun endings: with verb
 * and derivational suffixes allowed, Uzbek words read as one (teg+ishli, mer+gan).
 */
const NOUN_ENDINGS = /^(?:lar|ning|ni|gacha|ga|dagi|dan|da|i|si|dir|mi)*$/;
const SHORT_STEM = 4;

function words(block: string): string[] {
  return block.split(/\s+/).filter((word) => word.length > 0);
}

let entries: Map<string, Entry> | undefined;
let longest = 0;
let keepLatin: Set<string> | undefined;
let acronyms: Set<string> | undefined;

/**
 * Built on first use, not at import, so an isolate that never renders the Cyrillic edition
 * never pays for it (about 2,000 entries; 4–9 ms once per isolate, measured in Node on the
 * shared development machine while other test runs loaded it).
 */
function index(): Map<string, Entry> {
  if (entries !== undefined) return entries;
  const map = new Map<string, Entry>();
  const blocks = [
    SOFT_SIGN_FINAL,
    SOFT_SIGN_INSIDE,
    HARD_SIGN,
    TSE,
    E_INSIDE,
    YE_AFTER_VOWEL,
    YOT_O,
    YOT_E,
    O_HARD_SIGN,
    NOT_TSE,
  ];
  for (const block of blocks) {
    for (const item of words(block)) {
      const at = item.indexOf('=');
      const cyrillic = at < 0 ? item : item.slice(at + 1);
      const latin = at < 0 ? spellCyrillicInLatin(item) : item.slice(0, at);
      map.set(latin, { cyrillic, stem: cyrillic.endsWith('ь') ? cyrillic.slice(0, -1) : cyrillic });
      longest = Math.max(longest, latin.length);
    }
  }
  entries = map;
  return map;
}

/** How many entries the lexicon has (for the test that reports its size). */
export function countLexiconEntries(): number {
  return index().size;
}

function isSuffixChain(rest: string, stemLength = SHORT_STEM + 1): boolean {
  if (rest.length > MAX_SUFFIX_CHAIN) return false;
  return stemLength <= SHORT_STEM ? NOUN_ENDINGS.test(rest) : SUFFIX_CHAIN.test(rest);
}

interface Prefix {
  latin: string;
  cyrillic: string;
}

/** Prefixes by derived Latin key, longest first (so that "mikro" is tried before "mi…"). */
function indexPrefixes(block: string): Prefix[] {
  return [...new Set(words(block))]
    .map((cyrillic) => ({ latin: spellCyrillicInLatin(cyrillic), cyrillic }))
    .sort((a, b) => b.latin.length - a.latin.length);
}

let prefixes: Prefix[] | undefined;
let boundPrefixes: Prefix[] | undefined;
/** The shortest stem a prefix may stand before (super+kompyuter, not mini+sex). */
const MIN_STEM_AFTER_PREFIX = 5;
/** The shortest word a bound prefix may stand before (ultra+zamonaviy, not vitse alone). */
const MIN_WORD_AFTER_BOUND_PREFIX = 4;

interface StemMatch {
  stem: string;
  cyrillic: string;
  inflected: string;
}

/**
 * A dictionary entry that `lower` starts with, followed only by suffixes, or undefined; else
 * an international prefix and such an entry (superkompyuterlar → супер + компьютер + лар).
 */
export function splitStem(lower: string): StemMatch | undefined {
  const direct = splitEntry(lower);
  if (direct !== undefined) return direct;
  prefixes ??= indexPrefixes(PREFIXES);
  for (const prefix of prefixes) {
    if (!lower.startsWith(prefix.latin)) continue;
    const found = splitEntry(lower.slice(prefix.latin.length));
    if (found !== undefined && found.stem.length >= MIN_STEM_AFTER_PREFIX) {
      return {
        stem: prefix.latin + found.stem,
        cyrillic: prefix.cyrillic + found.cyrillic,
        inflected: prefix.cyrillic + found.inflected,
      };
    }
  }
  return undefined;
}

/**
 * A bound prefix (ультра, мульти, вице, спец) that `lower` starts with, before a word of its
 * own; the caller transliterates that word as a word.
 */
export function splitBoundPrefix(lower: string): Prefix | undefined {
  boundPrefixes ??= indexPrefixes(BOUND_PREFIXES);
  return boundPrefixes.find(
    (prefix) => lower.startsWith(prefix.latin) && lower.length - prefix.latin.length >= MIN_WORD_AFTER_BOUND_PREFIX,
  );
}

function splitEntry(lower: string): StemMatch | undefined {
  const map = index();
  for (let length = Math.min(lower.length, longest); length > 0; length--) {
    const stem = lower.slice(0, length);
    const entry = map.get(stem);
    if (entry === undefined) continue;
    const rest = lower.slice(length);
    if (rest.length === 0 || isSuffixChain(rest, length))
      return { stem, cyrillic: entry.cyrillic, inflected: entry.stem };
  }
  return undefined;
}

/** A foreign name that stays Latin, also with Uzbek suffixes (Sojitzning). */
export function isKeptLatin(lower: string): boolean {
  keepLatin ??= new Set(words(KEEP_LATIN));
  if (keepLatin.has(lower)) return true;
  for (const name of keepLatin) {
    if (lower.startsWith(name) && isSuffixChain(lower.slice(name.length))) return true;
  }
  return false;
}

export function isUzbekAcronym(lower: string): boolean {
  acronyms ??= new Set(words(UZBEK_ACRONYMS));
  return acronyms.has(lower);
}
