/**
 * Assembles the digest's corpus from its content files: raw captures cleaned by the
 * ingestion module, editorial metadata, and the translations. Pure: callers read the files.
 */
import { cleanCapture, type Block, type ManifestEntry } from './ingest.ts';
import { getIsoWeek } from './iso-week.ts';
import { CONTENT_LANGUAGES, type ContentLanguage } from './languages.ts';
import { hashText } from './hash.ts';
import { summarizeLead } from './sentences.ts';
import { normalizeApostrophes } from './apostrophes.ts';
import type { DocumentFacts } from './document-facts.ts';
import { TOPIC_IDS, type TopicId } from '../data/topic-ids.ts';

export interface EntityRecord {
  slug: string;
  kind: 'person' | 'organization' | 'place';
  en: string;
  uz: string;
  ja: string;
  aliases: string[];
  /** One or two factual sentences per content language (uz in Latin), shown on its page. */
  description: EntityDescription;
}

type EntityDescription = Record<ContentLanguage, string>;

interface DocumentMeta {
  file: string;
  slug: string;
  editorialHeadline?: string;
  topics: string[];
  entities: string[];
}

export interface TranslationFile {
  headline: string;
  paragraphs: string[];
}

export interface CorpusInput {
  manifest: { documents: ManifestEntry[] };
  raws: Record<string, string>;
  documents: { documents: DocumentMeta[] };
  entities: { entities: EntityRecord[] };
  /** translations[lang][slug] */
  translations: Partial<Record<ContentLanguage, Record<string, TranslationFile>>>;
}

interface CorpusText {
  headline: string;
  summary: string;
  blocks: Block[];
  contentHash: string;
}

export interface CorpusDocument extends DocumentFacts {
  originalLanguage: string;
  topics: TopicId[];
  entities: { slug: string; mentions: number }[];
  texts: Partial<Record<ContentLanguage, CorpusText>>;
  contentHash: string;
}

export class CorpusError extends Error {
  override name = 'CorpusError';
}

export function isTopicId(value: string): value is TopicId {
  return (TOPIC_IDS as readonly string[]).includes(value);
}

/**
 * How often a text names an entity (its English name and aliases, case-insensitive), at least
 * once: the salience the weekly summary ranks stories by. The seed counts a document's linked
 * entities with it, and ingestion the entities it finds, so both weigh a report alike.
 */
export function countMentions(text: string, entity: Pick<EntityRecord, 'en' | 'aliases'>): number {
  const haystack = text.toLowerCase();
  let count = 0;
  for (const alias of new Set([entity.en, ...entity.aliases])) {
    const needle = alias.toLowerCase();
    for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
      count += 1;
    }
  }
  // Linked by an editor, so it is about the document even when only implied.
  return Math.max(1, count);
}

async function buildText(rawHeadline: string, rawBlocks: Block[], lang: ContentLanguage): Promise<CorpusText> {
  // Uzbek arrives with whatever apostrophes the translator's keyboard makes; store only ʻ and ʼ,
  // so that search, transliteration and the Cyrillic edition see one spelling.
  const headline = lang === 'uz' ? normalizeApostrophes(rawHeadline) : rawHeadline;
  const blocks =
    lang === 'uz' ? rawBlocks.map((block) => ({ ...block, text: normalizeApostrophes(block.text) })) : rawBlocks;
  const paragraphs = blocks.filter((block) => block.kind === 'p').map((block) => block.text);
  const summary = summarizeLead(paragraphs, lang);
  return { headline, summary, blocks, contentHash: await hashText(JSON.stringify([headline, blocks])) };
}

/**
 * Every entity page shows its description, so an entity without one in every content
 * language (or with a blank one) is refused at load rather than rendered as an empty line.
 */
function checkDescription(entity: EntityRecord): void {
  for (const lang of CONTENT_LANGUAGES) {
    const text = (entity.description as Partial<EntityDescription> | undefined)?.[lang];
    if (typeof text !== 'string' || text.trim() === '')
      throw new CorpusError(`entity ${entity.slug}: no ${lang} description`);
  }
}

/**
 * The entity records as D1 stores them: the Uzbek description with its apostrophe marks
 * normalised (U+02BB / U+02BC), as assembleCorpus does for the documents' Uzbek text. Every
 * caller of seedCorpus passes its records through this first; the repository stores as given.
 */
export function prepareEntityRecords(records: readonly EntityRecord[]): EntityRecord[] {
  return records.map((entity) => ({
    ...entity,
    description: { ...entity.description, uz: normalizeApostrophes(entity.description.uz) },
  }));
}

export async function assembleCorpus(input: CorpusInput): Promise<CorpusDocument[]> {
  const entitiesBySlug = new Map(input.entities.entities.map((entity) => [entity.slug, entity]));
  for (const entity of input.entities.entities) checkDescription(entity);
  const metaByFile = new Map(input.documents.documents.map((meta) => [meta.file, meta]));
  const result: CorpusDocument[] = [];

  for (const entry of input.manifest.documents) {
    const meta = metaByFile.get(entry.file);
    const raw = input.raws[entry.file];
    if (!meta) throw new CorpusError(`${entry.file}: no editorial metadata in documents.json`);
    if (raw === undefined) throw new CorpusError(`${entry.file}: raw capture missing`);
    const clean = cleanCapture(raw, entry, meta.editorialHeadline);

    const texts: CorpusDocument['texts'] = {};
    for (const lang of CONTENT_LANGUAGES) {
      if (lang === clean.language) {
        texts[lang] = await buildText(clean.headline, clean.blocks, lang);
        continue;
      }
      const translation = input.translations[lang]?.[meta.slug];
      if (!translation) continue;
      if (translation.paragraphs.length !== clean.blocks.length) {
        throw new CorpusError(
          `${meta.slug} (${lang}): ${translation.paragraphs.length} paragraphs for ${clean.blocks.length} in the source`,
        );
      }
      const blocks = clean.blocks.map((block, index) => ({
        kind: block.kind,
        text: translation.paragraphs[index] ?? '',
      }));
      texts[lang] = await buildText(translation.headline, blocks, lang);
    }

    const topics = meta.topics.map((topic) => {
      if (!isTopicId(topic)) throw new CorpusError(`${meta.slug}: unknown topic "${topic}"`);
      return topic;
    });
    const fullText = clean.blocks.map((block) => block.text).join('\n');
    const entities = meta.entities.map((slug) => {
      const entity = entitiesBySlug.get(slug);
      if (!entity) throw new CorpusError(`${meta.slug}: unknown entity "${slug}"`);
      return { slug, mentions: countMentions(fullText, entity) };
    });

    const document: Omit<CorpusDocument, 'contentHash'> = {
      slug: meta.slug,
      sourceName: clean.sourceName,
      sourceUrl: clean.sourceUrl,
      publishedOn: clean.publishedOn,
      publishedNote: clean.publishedNote,
      isoWeek: getIsoWeek(clean.publishedOn),
      originalLanguage: clean.language,
      headlineIsEditorial: clean.headlineOrigin === 'editorial',
      photoCredit: clean.photoCredit,
      topics,
      entities,
      texts,
    };
    result.push({ ...document, contentHash: await hashText(JSON.stringify(document)) });
  }
  return result;
}
