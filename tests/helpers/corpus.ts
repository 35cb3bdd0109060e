/// <reference types="vite/client" />
/** The project's content files, bundled into the test worker by Vite. */
import documentsMeta from '../../content/documents.json';
import entitiesFile from '../../content/entities.json';
import manifest from '../../content/raw/manifest.json';
import { createDb } from '../../src/db/client.ts';
import { seedCorpus } from '../../src/db/seed.ts';
import {
  assembleCorpus,
  prepareEntityRecords,
  type CorpusInput,
  type EntityRecord,
  type TranslationFile,
} from '../../src/services/corpus.ts';
import type { ManifestEntry } from '../../src/services/ingest.ts';
import type { WeekDocument } from '../../src/services/weekly-summary.ts';

const rawFiles = import.meta.glob<string>('../../content/raw/*.txt', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const translationFiles = import.meta.glob<TranslationFile>('../../content/translations/*/*.json', {
  import: 'default',
  eager: true,
});

export const raws: Record<string, string> = Object.fromEntries(
  Object.entries(rawFiles).map(([path, text]) => [path.split('/').at(-1) ?? path, text]),
);

export const manifestEntries = manifest.documents as ManifestEntry[];

export function buildCorpusInput(): CorpusInput {
  const translations: CorpusInput['translations'] = {};
  for (const [path, file] of Object.entries(translationFiles)) {
    const [lang, name] = path.split('/').slice(-2) as ['uz' | 'ja', string];
    (translations[lang] ??= {})[name.replace(/\.json$/, '')] = file;
  }
  return {
    manifest: { documents: manifestEntries },
    raws,
    documents: documentsMeta,
    entities: entitiesFile as { entities: EntityRecord[] },
    translations,
  };
}

export async function seedTestCorpus(d1: D1Database): Promise<number> {
  const input = buildCorpusInput();
  return seedCorpus(createDb(d1), await assembleCorpus(input), prepareEntityRecords(input.entities.entities));
}

/**
 * The real corpus as the cron reads it: every document as a `WeekDocument` (ids in corpus
 * order, paragraphs only, entity kinds from the entity list) with its ISO week.
 */
export async function readCorpusWeekDocuments(): Promise<{ isoWeek: string; doc: WeekDocument }[]> {
  const input = buildCorpusInput();
  const kinds = new Map(input.entities.entities.map((entity) => [entity.slug, entity.kind]));
  return (await assembleCorpus(input)).map((doc, index) => ({
    isoWeek: doc.isoWeek,
    doc: {
      id: index + 1,
      slug: doc.slug,
      sourceName: doc.sourceName,
      sourceUrl: doc.sourceUrl,
      publishedOn: doc.publishedOn,
      originalLanguage: doc.originalLanguage,
      headlineIsEditorial: doc.headlineIsEditorial,
      topics: doc.topics,
      entities: doc.entities.map((link) => ({ ...link, kind: kinds.get(link.slug) ?? 'place' })),
      texts: Object.fromEntries(
        Object.entries(doc.texts).map(([lang, text]) => [
          lang,
          { headline: text.headline, paragraphs: text.blocks.filter((b) => b.kind === 'p').map((b) => b.text) },
        ]),
      ),
    },
  }));
}
