import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Block } from '../services/ingest.ts';
import type { WeeklySummaryContent } from '../services/weekly-summary.ts';

/** A report as published by its source; its text lives in `translations`, one row per language. */
export const documents = sqliteTable(
  'documents',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    slug: text().notNull().unique(),
    sourceName: text().notNull(),
    sourceUrl: text().notNull().unique(),
    /** Calendar date of publication, YYYY-MM-DD. */
    publishedOn: text().notNull(),
    publishedNote: text(),
    /** ISO week of publication (YYYY-Www), kept so week pages and rebuilds hit an index. */
    isoWeek: text().notNull(),
    originalLanguage: text().notNull(),
    headlineIsEditorial: integer({ mode: 'boolean' }).notNull().default(false),
    photoCredit: text(),
    /** Hash of everything the document shows; a seed or import that changes nothing keeps it. */
    contentHash: text().notNull(),
    /** Revision of the metadata, bumped by every editorial change (optimistic concurrency). */
    revision: integer().notNull().default(1),
    /** Set when an editor deletes the document: hidden from readers, kept, restorable. */
    deletedAt: text(),
    /**
     * ISO 8601 UTC with milliseconds, like every stored instant (migration 0010). The default,
     * seconds only, is the table's original DDL, kept because changing it would rebuild the
     * table; every writer stamps both columns itself.
     */
    createdAt: text()
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))`),
    updatedAt: text()
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))`),
  },
  (table) => [
    index('documents_published_idx').on(table.publishedOn, table.id),
    index('documents_week_idx').on(table.isoWeek, table.publishedOn),
  ],
);

/** The text of a document in one language. `body` is a JSON array of blocks. */
export const translations = sqliteTable(
  'translations',
  {
    documentId: integer()
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    lang: text().notNull(),
    headline: text().notNull(),
    summary: text().notNull(),
    /** Parsed and serialised by Drizzle (JSON.stringify on write): never parse it by hand. */
    body: text({ mode: 'json' }).$type<Block[]>().notNull(),
    /**
     * 'human' for editorial translations, 'source' for the original text, 'machine' for drafts
     * (whose model and time are the author `machine:<model>` and date of their revision).
     */
    origin: text().notNull().default('human'),
    contentHash: text().notNull(),
    /** Revision of this language's text, bumped by every editorial change. */
    revision: integer().notNull().default(1),
  },
  (table) => [primaryKey({ columns: [table.documentId, table.lang] })],
);

/** The fixed topic vocabulary; names are interface strings in `locales/`. */
export const topics = sqliteTable('topics', {
  id: text().primaryKey(),
  position: integer().notNull(),
});

export const documentTopics = sqliteTable(
  'document_topics',
  {
    documentId: integer()
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    topicId: text()
      .notNull()
      .references(() => topics.id),
    position: integer().notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.documentId, table.topicId] }),
    index('document_topics_topic_idx').on(table.topicId, table.documentId),
  ],
);

export const entities = sqliteTable('entities', {
  id: integer().primaryKey({ autoIncrement: true }),
  slug: text().notNull().unique(),
  kind: text({ enum: ['person', 'organization', 'place'] }).notNull(),
  nameEn: text().notNull(),
  nameUz: text().notNull(),
  nameJa: text().notNull(),
  /**
   * A short factual description per content language (uz in Latin; the Cyrillic edition
   * transliterates it). Null only for rows written before migration 0009 and not reseeded.
   */
  descriptionEn: text(),
  descriptionUz: text(),
  descriptionJa: text(),
});

export const documentEntities = sqliteTable(
  'document_entities',
  {
    documentId: integer()
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    entityId: integer()
      .notNull()
      .references(() => entities.id),
    /** Mentions in the source text: the entity's salience in this document. */
    mentions: integer().notNull().default(1),
  },
  (table) => [
    primaryKey({ columns: [table.documentId, table.entityId] }),
    index('document_entities_entity_idx').on(table.entityId, table.documentId),
  ],
);

export type DocumentRow = typeof documents.$inferSelect;
export type TranslationRow = typeof translations.$inferSelect;
export type EntityRow = typeof entities.$inferSelect;

/**
 * A week's built summary in one language. `firstPublishedAt` is set once and never
 * changed by a rebuild (feeds use it as the item's publication date); `updatedAt` moves
 * only when the content does.
 */
export const weeklySummaries = sqliteTable(
  'weekly_summaries',
  {
    week: text().notNull(),
    lang: text().notNull(),
    title: text().notNull(),
    summaryText: text().notNull(),
    /** The built summary (stories, figures, topic counts) as deterministic JSON. */
    content: text({ mode: 'json' }).$type<WeeklySummaryContent>().notNull(),
    contentHash: text().notNull(),
    /** Fingerprint of the week's documents the summary was built from (backfill detection). */
    sourceHash: text().notNull(),
    firstPublishedAt: text().notNull(),
    updatedAt: text().notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.week, table.lang] }),
    index('weekly_summaries_lang_week_idx').on(table.lang, table.week),
  ],
);

/** One row per scheduled run (a retry of the same scheduled time reuses its row). */
export const cronRuns = sqliteTable(
  'cron_runs',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    scheduledTime: text().notNull().unique(),
    cron: text().notNull(),
    startedAt: text().notNull(),
    endedAt: text(),
    /**
     * 'queued': the run handed its weeks to the rebuild queue (see `rebuild_tasks`); it turns
     * 'ok' when the consumer has built every one of them, 'error' when one is dead-lettered.
     */
    status: text({ enum: ['running', 'queued', 'ok', 'error'] }).notNull(),
    weeksRebuilt: text({ mode: 'json' }).$type<string[]>().notNull().default([]),
    attempts: integer().notNull().default(1),
    error: text(),
  },
  (table) => [index('cron_runs_started_idx').on(table.startedAt)],
);

/**
 * One row per (week, edition) a run handed to the rebuild queue, updated by the consumer with
 * idempotent upserts, so a message delivered twice counts once. Keyed by the run's scheduled
 * time (`cron_runs.scheduled_time`) without a foreign key: the run log may be pruned on its own.
 */
export const rebuildTasks = sqliteTable(
  'rebuild_tasks',
  {
    runKey: text().notNull(),
    week: text().notNull(),
    lang: text().notNull(),
    status: text({ enum: ['queued', 'done', 'failed'] }).notNull(),
    /** Deliveries the consumer has seen (the queue's own count), so retries show in the log. */
    attempts: integer().notNull().default(0),
    /** The last failure, kept after a retry succeeds. */
    error: text(),
    updatedAt: text().notNull(),
  },
  (table) => [primaryKey({ columns: [table.runKey, table.week, table.lang] })],
);

/**
 * Every editorial change, as the full state after it: per document and language ('meta' for
 * the document's metadata), numbered from 1 with no gaps. The unique key is what makes two
 * editors saving the same revision at once end with one winner: the second insert fails and
 * its whole batch (one transaction) rolls back.
 */
export const revisions = sqliteTable(
  'revisions',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    documentId: integer()
      .notNull()
      .references(() => documents.id),
    lang: text().notNull(),
    number: integer().notNull(),
    action: text({ enum: ['baseline', 'create', 'update', 'delete', 'restore'] }).notNull(),
    author: text().notNull(),
    createdAt: text().notNull(),
    /** JSON of the state after the change. */
    data: text({ mode: 'json' }).$type<unknown>().notNull(),
  },
  (table) => [uniqueIndex('revisions_document_lang_number_idx').on(table.documentId, table.lang, table.number)],
);

/**
 * Other sources that published the same report (a near-identical submission is linked here
 * instead of becoming a second document).
 */
export const documentSources = sqliteTable(
  'document_sources',
  {
    documentId: integer()
      .notNull()
      .references(() => documents.id),
    sourceName: text().notNull(),
    sourceUrl: text().notNull().unique(),
    publishedOn: text().notNull(),
    createdAt: text().notNull(),
  },
  (table) => [index('document_sources_document_idx').on(table.documentId)],
);

export type WeeklySummaryRow = typeof weeklySummaries.$inferSelect;
export type RevisionRow = typeof revisions.$inferSelect;
export type CronRunRow = typeof cronRuns.$inferSelect;
export type RebuildTaskRow = typeof rebuildTasks.$inferSelect;

/**
 * Counts the pages show, kept exact by the triggers of migration 0007 so that a page reads one
 * row instead of counting the corpus. Rows by `scope`:
 * - 'all' (key ''): live documents (home page total, /healthz);
 * - 'topic' (key: the topic id): live documents with that topic (topic pages, topics page);
 * - 'entity' (key: the entity id as text): live documents naming that entity (entity pages);
 * - 'translations' (key ''): every stored text (/healthz).
 * "Live": not deleted by an editor (`documents.deleted_at IS NULL`). A row whose count falls
 * to 0 stays, at 0.
 */
export const storyCounts = sqliteTable(
  'story_counts',
  {
    scope: text({ enum: ['all', 'topic', 'entity', 'translations'] }).notNull(),
    key: text().notNull(),
    n: integer().notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.scope, table.key] })],
);

export type StoryCountRow = typeof storyCounts.$inferSelect;

/**
 * The sources ingestion polls (migration 0008). `language` is what the source writes in:
 * 'en', 'uz' (Latin), 'uz-Cyrl' (Uzbek in Cyrillic, converted to Latin on entry), 'ja', or 'ru'
 * (translated, no edition of its own). `rights` limits what is stored and shown: 'full' text,
 * an 'excerpt' (headline, a lead of about 60 words, the link) or the 'headline' and link only.
 * The health columns are written by every poll; a source is never deleted, only disabled, so
 * the provenance of its documents stays resolvable.
 */
export const sources = sqliteTable('sources', {
  id: integer().primaryKey({ autoIncrement: true }),
  name: text().notNull(),
  feedUrl: text().notNull().unique(),
  homepage: text(),
  language: text({ enum: ['en', 'uz', 'uz-Cyrl', 'ja', 'ru'] }).notNull(),
  rights: text({ enum: ['full', 'excerpt', 'headline'] })
    .notNull()
    .default('excerpt'),
  /** Every item is about Uzbekistan–Japan relations (an embassy, a bilateral body): no relevance check. */
  alwaysRelevant: integer({ mode: 'boolean' }).notNull().default(false),
  enabled: integer({ mode: 'boolean' }).notNull().default(true),
  note: text(),
  etag: text(),
  lastModified: text(),
  lastPolledAt: text(),
  lastStatus: integer(),
  lastError: text(),
  consecutiveFailures: integer().notNull().default(0),
  /** ISO time the source is next due; null: due now. */
  nextPollAt: text(),
  itemsSeen: integer().notNull().default(0),
  itemsAccepted: integer().notNull().default(0),
  itemsSkipped: integer().notNull().default(0),
  createdAt: text().notNull(),
  updatedAt: text().notNull(),
});

/**
 * Every feed item a source has offered, keyed by its GUID (or URL without one), so the same
 * item is looked at once. `url` is the canonical URL without tracking parameters and
 * `contentHash` the hash of its cleaned text: a feed that rewrites its GUIDs on every poll is
 * still recognised by either. Skipped items are remembered too (with the reason), except
 * failures that may pass next time (fetch errors), which are retried.
 */
export const sourceItems = sqliteTable(
  'source_items',
  {
    sourceId: integer()
      .notNull()
      .references(() => sources.id),
    itemKey: text().notNull(),
    url: text().notNull(),
    contentHash: text(),
    outcome: text().notNull(),
    documentId: integer().references(() => documents.id),
    seenAt: text().notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.sourceId, table.itemKey] }),
    index('source_items_url_idx').on(table.url),
    index('source_items_hash_idx').on(table.contentHash),
  ],
);

/**
 * Where an ingested document came from: the source and feed item, when it was fetched, the
 * hash of the raw bytes, the rights policy it was stored under, and the lead image with its
 * credit. Documents entered by editors have no row.
 */
export const documentProvenance = sqliteTable('document_provenance', {
  documentId: integer()
    .primaryKey()
    .references(() => documents.id, { onDelete: 'cascade' }),
  sourceId: integer()
    .notNull()
    .references(() => sources.id),
  itemGuid: text(),
  itemUrl: text().notNull(),
  fetchedAt: text().notNull(),
  rawHash: text().notNull(),
  rights: text({ enum: ['full', 'excerpt', 'headline'] }).notNull(),
  author: text(),
  leadImageUrl: text(),
  leadImageCredit: text(),
  /** The Uzbek original as published in Cyrillic (JSON blocks), before conversion to Latin. */
  originalCyrillic: text(),
});

export type SourceRow = typeof sources.$inferSelect;
export type SourceItemRow = typeof sourceItems.$inferSelect;
export type DocumentProvenanceRow = typeof documentProvenance.$inferSelect;

/**
 * A machine translation that failed its guards (repetition, wrong script, length ratio): the
 * language stays untranslated (readers get the fallback note) and the desk sees why here.
 * One row per document and language, replaced by the next attempt.
 */
export const translationFlags = sqliteTable(
  'translation_flags',
  {
    documentId: integer()
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    lang: text().notNull(),
    problem: text().notNull(),
    model: text().notNull(),
    flaggedAt: text().notNull(),
  },
  (table) => [primaryKey({ columns: [table.documentId, table.lang] })],
);

/**
 * A new document whose text shares much with a live document of the same days and language,
 * but less than a near-duplicate (services/editorial.ts: POSSIBLE_DUPLICATE ≤ overlap <
 * NEAR_DUPLICATE): stored as a new document, and the desk's queue asks a person whether it is
 * the same report. One row per document; unpublishing either document takes it off the queue.
 */
export const duplicateFlags = sqliteTable(
  'duplicate_flags',
  {
    documentId: integer()
      .primaryKey()
      .references(() => documents.id, { onDelete: 'cascade' }),
    similarTo: integer()
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    overlap: real().notNull(),
    flaggedAt: text().notNull(),
  },
  (table) => [index('duplicate_flags_similar_idx').on(table.similarTo)],
);
