/** The article's reads: its document, texts, topics, entities, summaries and other sources. */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { BatchResponse } from 'drizzle-orm/batch';
import type { Block } from '../services/ingest.ts';
import type { EntityDescriptionColumns } from '../services/entity-text.ts';
import type { Database } from './client.ts';
import type { RightsPolicy } from './sources.ts';
import { isLive } from './queries.ts';
import {
  documentEntities,
  documentProvenance,
  documents,
  documentSources,
  documentTopics,
  entities,
  translations,
  weeklySummaries,
  sources,
} from './schema.ts';
import { readPageBatch } from './session.ts';
import type { DocumentFacts } from '../services/document-facts.ts';

export interface ArticleText {
  lang: string;
  headline: string;
  blocks: Block[];
  origin: string;
}

/** A document's facts alone, copied from a stored row or a corpus document (the seed). */
export function pickDocumentFacts(source: DocumentFacts): DocumentFacts {
  const { slug, sourceName, sourceUrl, publishedOn, publishedNote, isoWeek, headlineIsEditorial, photoCredit } = source;
  return { slug, sourceName, sourceUrl, publishedOn, publishedNote, isoWeek, headlineIsEditorial, photoCredit };
}

export interface Article extends DocumentFacts {
  originalLanguage: string;
  updatedAt: string;
  /** Languages in which the weekly summary of the article's week exists. */
  weekSummaryLangs: string[];
  texts: ArticleText[];
  topics: string[];
  entities: ({
    slug: string;
    kind: string;
    nameEn: string;
    nameUz: string;
    nameJa: string;
    mentions: number;
  } & EntityDescriptionColumns)[];
  /** Other sources that published the same report (linked by the editorial desk). */
  otherSources: { sourceName: string; sourceUrl: string; publishedOn: string }[];
  /** For an ingested document: the rights policy it was stored under and its lead image; null for editors' entries. */
  provenance: {
    rights: RightsPolicy;
    leadImageUrl: string | null;
    leadImageCredit: string | null;
    /** The source's language: 'ru' when the stored original is a machine translation of it. */
    sourceLanguage: string | null;
  } | null;
}

/**
 * The statements that read an article, for a batch of its own (`getArticle`) or a larger one
 * (the article page's, src/db/article-page.ts); `toArticle` turns their results into one.
 */
export function articleStatements(db: Database, slug: string) {
  const documentId = sql`(SELECT ${documents.id} FROM ${documents} WHERE ${documents.slug} = ${slug})`;
  return [
    db
      .select()
      .from(documents)
      .where(and(eq(documents.slug, slug), isLive)),
    db
      .select({
        lang: translations.lang,
        headline: translations.headline,
        body: translations.body,
        origin: translations.origin,
      })
      .from(translations)
      .where(eq(translations.documentId, documentId)),
    db
      .select({ topicId: documentTopics.topicId })
      .from(documentTopics)
      .where(eq(documentTopics.documentId, documentId))
      .orderBy(asc(documentTopics.position)),
    db
      .select({
        slug: entities.slug,
        kind: entities.kind,
        nameEn: entities.nameEn,
        nameUz: entities.nameUz,
        nameJa: entities.nameJa,
        descriptionEn: entities.descriptionEn,
        descriptionUz: entities.descriptionUz,
        descriptionJa: entities.descriptionJa,
        mentions: documentEntities.mentions,
      })
      .from(documentEntities)
      .innerJoin(entities, eq(entities.id, documentEntities.entityId))
      .where(eq(documentEntities.documentId, documentId))
      .orderBy(desc(documentEntities.mentions), asc(entities.slug)),
    db
      .select({ lang: weeklySummaries.lang })
      .from(weeklySummaries)
      .where(
        eq(
          weeklySummaries.week,
          sql`(SELECT ${documents.isoWeek} FROM ${documents} WHERE ${documents.slug} = ${slug})`,
        ),
      ),
    db
      .select({
        sourceName: documentSources.sourceName,
        sourceUrl: documentSources.sourceUrl,
        publishedOn: documentSources.publishedOn,
      })
      .from(documentSources)
      .where(eq(documentSources.documentId, documentId))
      .orderBy(asc(documentSources.publishedOn), asc(documentSources.sourceName)),
    db
      .select({
        rights: documentProvenance.rights,
        leadImageUrl: documentProvenance.leadImageUrl,
        leadImageCredit: documentProvenance.leadImageCredit,
        sourceLanguage: sources.language,
      })
      .from(documentProvenance)
      .leftJoin(sources, eq(sources.id, documentProvenance.sourceId))
      .where(eq(documentProvenance.documentId, documentId)),
  ] as const;
}

type ArticleResults = BatchResponse<ReturnType<typeof articleStatements>>;

export function toArticle([
  docs,
  texts,
  topicRows,
  entityRows,
  summaryRows,
  sourceRows,
  provenanceRows,
]: ArticleResults): Article | null {
  const doc = docs[0];
  if (!doc) return null;
  return {
    ...pickDocumentFacts(doc),
    originalLanguage: doc.originalLanguage,
    updatedAt: doc.updatedAt,
    weekSummaryLangs: summaryRows.map((row) => row.lang),
    otherSources: sourceRows,
    texts: texts.map(({ body, ...text }) => ({ ...text, blocks: body })),
    topics: topicRows.map((row) => row.topicId),
    entities: entityRows,
    provenance: provenanceRows[0] ?? null,
  };
}

export async function getArticle(db: Database, slug: string): Promise<Article | null> {
  return toArticle(await readPageBatch(db, articleStatements(db, slug)));
}
