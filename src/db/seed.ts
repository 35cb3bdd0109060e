/**
 * Loads the assembled corpus into D1. Idempotent: every write is an upsert guarded by a
 * difference check, so loading the same corpus twice changes no row.
 */
import { and, eq, getTableColumns, inArray, notInArray, sql, type SQL, type Table } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { CorpusDocument, EntityRecord } from '../services/corpus.ts';
import { pickDocumentFacts } from './article.ts';
import { TOPIC_IDS } from '../data/topic-ids.ts';
import { chunkRows, type Database } from './client.ts';
import { documentEntities, documents, documentTopics, entities, topics, translations } from './schema.ts';

type Statement = BatchItem<'sqlite'>;

/** D1's clock as ISO 8601 UTC with milliseconds, the format of every stored instant (migration 0010). */
const NOW_ISO = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

function excluded(column: string): SQL {
  return sql.raw(`excluded.${column}`);
}

/**
 * Parameters a row of `table` may bind: every column, since Drizzle binds a value (or the
 * default) for each one. Counting them here keeps the 100-parameter bound when columns are added.
 */
function widthOf(table: Table): number {
  return Object.keys(getTableColumns(table)).length;
}

async function runBatch(db: Database, statements: Statement[]): Promise<number> {
  if (statements.length === 0) return 0;
  const results = (await db.batch(statements as [Statement, ...Statement[]])) as unknown[];
  return results.reduce<number>((sum, result) => {
    const changes = (result as { meta?: { changes?: number } }).meta?.changes ?? 0;
    return sum + changes;
  }, 0);
}

/**
 * Writes the corpus; returns the number of rows that changed (0 on a repeated load). The
 * entity records are stored as given: callers prepare them (services/corpus.ts prepareEntityRecords).
 */
export async function seedCorpus(
  db: Database,
  corpus: readonly CorpusDocument[],
  entityRecords: readonly EntityRecord[],
): Promise<number> {
  const first: Statement[] = [];
  for (const chunk of chunkRows(
    TOPIC_IDS.map((id, position) => ({ id, position })),
    widthOf(topics),
  )) {
    first.push(
      db
        .insert(topics)
        .values(chunk)
        .onConflictDoUpdate({
          target: topics.id,
          set: { position: excluded('position') },
          setWhere: sql`${topics.position} IS NOT excluded.position`,
        }),
    );
  }
  const entityRows = entityRecords.map((entity) => ({
    slug: entity.slug,
    kind: entity.kind,
    nameEn: entity.en,
    nameUz: entity.uz,
    nameJa: entity.ja,
    descriptionEn: entity.description.en,
    descriptionUz: entity.description.uz,
    descriptionJa: entity.description.ja,
  }));
  for (const chunk of chunkRows(entityRows, widthOf(entities))) {
    first.push(
      db
        .insert(entities)
        .values(chunk)
        .onConflictDoUpdate({
          target: entities.slug,
          set: {
            kind: excluded('kind'),
            nameEn: excluded('name_en'),
            nameUz: excluded('name_uz'),
            nameJa: excluded('name_ja'),
            descriptionEn: excluded('description_en'),
            descriptionUz: excluded('description_uz'),
            descriptionJa: excluded('description_ja'),
          },
          // Rewritten only when something differs, so a repeated load changes no row.
          setWhere: sql`(${entities.kind}, ${entities.nameEn}, ${entities.nameUz}, ${entities.nameJa}, ${entities.descriptionEn}, ${entities.descriptionUz}, ${entities.descriptionJa}) IS NOT (excluded.kind, excluded.name_en, excluded.name_uz, excluded.name_ja, excluded.description_en, excluded.description_uz, excluded.description_ja)`,
        }),
    );
  }
  const documentRows = corpus.map((doc) => ({
    ...pickDocumentFacts(doc),
    originalLanguage: doc.originalLanguage,
    contentHash: doc.contentHash,
    createdAt: NOW_ISO,
    updatedAt: NOW_ISO,
  }));
  for (const chunk of chunkRows(documentRows, widthOf(documents))) {
    first.push(
      db
        .insert(documents)
        .values(chunk)
        .onConflictDoUpdate({
          target: documents.slug,
          set: {
            sourceName: excluded('source_name'),
            sourceUrl: excluded('source_url'),
            publishedOn: excluded('published_on'),
            publishedNote: excluded('published_note'),
            isoWeek: excluded('iso_week'),
            originalLanguage: excluded('original_language'),
            headlineIsEditorial: excluded('headline_is_editorial'),
            photoCredit: excluded('photo_credit'),
            contentHash: excluded('content_hash'),
            updatedAt: NOW_ISO,
          },
          // A document an editor has changed belongs to the desk now: the seed never reverts it.
          setWhere: sql`${documents.contentHash} IS NOT excluded.content_hash AND ${documents.revision} = 1`,
        }),
    );
  }
  let changes = await runBatch(db, first);

  const slugs = corpus.map((doc) => doc.slug);
  const [documentIds, entityIds] = await db.batch([
    db
      .select({ id: documents.id, slug: documents.slug, revision: documents.revision })
      .from(documents)
      .where(inArray(documents.slug, slugs)),
    db.select({ id: entities.id, slug: entities.slug }).from(entities),
  ]);
  const documentId = new Map(documentIds.map((row) => [row.slug, row.id]));
  const entityId = new Map(entityIds.map((row) => [row.slug, row.id]));
  const edited = new Set(documentIds.filter((row) => row.revision > 1).map((row) => row.slug));
  const untouched = corpus.filter((doc) => !edited.has(doc.slug));

  const second: Statement[] = [];
  const translationRows = untouched.flatMap((doc) =>
    Object.entries(doc.texts).map(([lang, text]) => ({
      documentId: documentId.get(doc.slug) ?? -1,
      lang,
      headline: text.headline,
      summary: text.summary,
      body: text.blocks,
      origin: lang === doc.originalLanguage ? 'source' : 'human',
      contentHash: text.contentHash,
    })),
  );
  for (const chunk of chunkRows(translationRows, widthOf(translations))) {
    second.push(
      db
        .insert(translations)
        .values(chunk)
        .onConflictDoUpdate({
          target: [translations.documentId, translations.lang],
          set: {
            headline: excluded('headline'),
            summary: excluded('summary'),
            body: excluded('body'),
            origin: excluded('origin'),
            contentHash: excluded('content_hash'),
          },
          setWhere: sql`(${translations.contentHash} IS NOT excluded.content_hash OR ${translations.origin} IS NOT excluded.origin) AND ${translations.revision} = 1`,
        }),
    );
  }
  const topicRows = untouched.flatMap((doc) =>
    doc.topics.map((topicId, position) => ({ documentId: documentId.get(doc.slug) ?? -1, topicId, position })),
  );
  for (const chunk of chunkRows(topicRows, widthOf(documentTopics))) {
    second.push(
      db
        .insert(documentTopics)
        .values(chunk)
        .onConflictDoUpdate({
          target: [documentTopics.documentId, documentTopics.topicId],
          set: { position: excluded('position') },
          setWhere: sql`${documentTopics.position} IS NOT excluded.position`,
        }),
    );
  }
  const entityLinkRows = untouched.flatMap((doc) =>
    doc.entities.map((link) => ({
      documentId: documentId.get(doc.slug) ?? -1,
      entityId: entityId.get(link.slug) ?? -1,
      mentions: link.mentions,
    })),
  );
  for (const chunk of chunkRows(entityLinkRows, widthOf(documentEntities))) {
    second.push(
      db
        .insert(documentEntities)
        .values(chunk)
        .onConflictDoUpdate({
          target: [documentEntities.documentId, documentEntities.entityId],
          set: { mentions: excluded('mentions') },
          setWhere: sql`${documentEntities.mentions} IS NOT excluded.mentions`,
        }),
    );
  }
  // Links the corpus no longer has are removed, so an edited content file is the truth.
  for (const doc of untouched) {
    const id = documentId.get(doc.slug) ?? -1;
    second.push(
      db
        .delete(documentTopics)
        .where(and(eq(documentTopics.documentId, id), notInArray(documentTopics.topicId, doc.topics))),
      db.delete(documentEntities).where(
        and(
          eq(documentEntities.documentId, id),
          notInArray(
            documentEntities.entityId,
            doc.entities.map((link) => entityId.get(link.slug) ?? -1),
          ),
        ),
      ),
    );
  }
  changes += await runBatch(db, second);
  return changes;
}
