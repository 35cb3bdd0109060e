/**
 * Entities an ingested text names, with how often: the registry's people, organisations and
 * places found in it, counted by the seed's own rule (`countMentions`), so an ingested report
 * weighs in the weekly summary (story clustering, salience ranking) exactly as a seeded one.
 * One query per poll; the aliases come with the bundle from content/entities.json, the file
 * the seed loads the registry from.
 */
import entityFile from '../../../content/entities.json' with { type: 'json' };
import type { Database } from '../../db/client.ts';
import { countMentions } from '../../services/corpus.ts';
import { cleanCapture, IngestError } from '../../services/ingest.ts';

interface EntityName {
  slug: string;
  /** Its name in each content language, and the English aliases the seed counts. */
  en: string;
  names: string[];
  aliases: string[];
}

export type EntityNames = EntityName[];

const ALIASES = new Map(entityFile.entities.map((entity) => [entity.slug, entity.aliases]));

export async function loadEntityNames(db: Database): Promise<EntityNames> {
  const { results } = await db.$client
    .prepare('SELECT slug, name_en, name_uz, name_ja FROM entities ORDER BY slug')
    .all<{ slug: string; name_en: string; name_uz: string; name_ja: string }>();
  return results.map((row) => ({
    slug: row.slug,
    en: row.name_en,
    names: [row.name_en, row.name_uz, row.name_ja],
    aliases: ALIASES.get(row.slug) ?? [],
  }));
}

/** Small words a name may contain in lower case ("Ministry of Investment"). */
const CONNECTORS = new Set(['of', 'for', 'and', 'the', 'de']);

/**
 * Descriptive aliases ("the President", "head of our state") count a linked entity's mentions
 * but never link one: only names, and aliases written as names (capitalised words), do.
 */
function isProperName(alias: string): boolean {
  const words = alias.split(/\s+/);
  return /^\P{Ll}/u.test(words[0] ?? '') && words.every((word) => CONNECTORS.has(word) || !/^\p{Ll}/u.test(word));
}

/**
 * The body as the desk's cleaning stores it (services/ingest.ts, the seed's cleaning), so that
 * mentions are counted in the text that is kept, never in furniture a page left in its article.
 */
export function readStoredBody(headline: string, blocks: readonly { text: string }[], url: string): string {
  const raw = blocks.map((block) => block.text).join('\n');
  try {
    const entry = { file: url, title: headline, source: url, url, published: '', language: 'en' };
    return cleanCapture(raw, entry)
      .blocks.map((block) => block.text)
      .join('\n');
  } catch (error) {
    if (error instanceof IngestError) return raw;
    throw error;
  }
}

export interface FoundEntity {
  slug: string;
  mentions: number;
}

/**
 * Entities the body names (the text the seed counts in), longest names first: a name inside a
 * longer one that was found ("Tokyo" in "Tokyo University of Foreign Studies") is part of that
 * name, not a mention of its own. Mentions are counted with the seed's rule.
 */
export function findEntities(entities: EntityNames, body: string): FoundEntity[] {
  let haystack = body.normalize('NFKC').toLowerCase();
  const names = entities
    .flatMap((entity) =>
      [...entity.names, ...entity.aliases.filter(isProperName)].map((name) => ({
        entity,
        needle: name.normalize('NFKC').toLowerCase(),
      })),
    )
    .filter(({ needle }) => needle.length >= 2)
    .sort((a, b) => b.needle.length - a.needle.length);
  const found = new Set<EntityName>();
  for (const { entity, needle } of names) {
    if (!haystack.includes(needle)) continue;
    found.add(entity);
    haystack = haystack.replaceAll(needle, ' '.repeat(needle.length));
  }
  return entities
    .filter((entity) => found.has(entity))
    .map((entity) => ({ slug: entity.slug, mentions: countMentions(body, entity) }));
}
