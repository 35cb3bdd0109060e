-- Custom SQL migration file, put your code below! --
-- Keeps `story_counts` (migration 0006) exact, so that pages read one counter row instead of
-- counting the corpus: a count over every live document is a full scan of `documents`, which
-- at 100,000 documents costs every page view that many rows read.
--
-- Invariant: for each scope, `n` equals what a count(*) over the live documents
-- (`deleted_at IS NULL`) would give. A topic or entity link counts only while its document is
-- live, so each trigger on a link table checks the document, and the triggers on `documents`
-- move the counters of every link the document has when it is deleted or restored. Each
-- change is applied as a delta with an upsert, so a topic's first document creates its row.
--
-- A hard delete is counted BEFORE the row goes: the cascade of document_topics and
-- document_entities (and translations) runs after the document row is already gone, so the
-- link triggers then find no document and leave the counters alone. A link deleted first, by
-- hand, is counted by its own trigger, and the document's trigger then finds no link left.
-- drizzle-kit cannot express triggers, hence this custom migration.
CREATE TRIGGER `documents_insert_counts` AFTER INSERT ON `documents` WHEN NEW.`deleted_at` IS NULL BEGIN
	INSERT INTO `story_counts` (`scope`, `key`, `n`) VALUES ('all', '', 1)
		ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `documents_soft_delete_counts` AFTER UPDATE OF `deleted_at` ON `documents`
	WHEN OLD.`deleted_at` IS NULL AND NEW.`deleted_at` IS NOT NULL BEGIN
	INSERT INTO `story_counts` (`scope`, `key`, `n`) VALUES ('all', '', -1)
		ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
	INSERT INTO `story_counts` (`scope`, `key`, `n`)
		SELECT 'topic', `topic_id`, -1 FROM `document_topics` WHERE `document_id` = OLD.`id`
		ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
	INSERT INTO `story_counts` (`scope`, `key`, `n`)
		SELECT 'entity', `entity_id`, -1 FROM `document_entities` WHERE `document_id` = OLD.`id`
		ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `documents_restore_counts` AFTER UPDATE OF `deleted_at` ON `documents`
	WHEN OLD.`deleted_at` IS NOT NULL AND NEW.`deleted_at` IS NULL BEGIN
	INSERT INTO `story_counts` (`scope`, `key`, `n`) VALUES ('all', '', 1)
		ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
	INSERT INTO `story_counts` (`scope`, `key`, `n`)
		SELECT 'topic', `topic_id`, 1 FROM `document_topics` WHERE `document_id` = NEW.`id`
		ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
	INSERT INTO `story_counts` (`scope`, `key`, `n`)
		SELECT 'entity', `entity_id`, 1 FROM `document_entities` WHERE `document_id` = NEW.`id`
		ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `documents_delete_counts` BEFORE DELETE ON `documents` WHEN OLD.`deleted_at` IS NULL BEGIN
	INSERT INTO `story_counts` (`scope`, `key`, `n`) VALUES ('all', '', -1)
		ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
	INSERT INTO `story_counts` (`scope`, `key`, `n`)
		SELECT 'topic', `topic_id`, -1 FROM `document_topics` WHERE `document_id` = OLD.`id`
		ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
	INSERT INTO `story_counts` (`scope`, `key`, `n`)
		SELECT 'entity', `entity_id`, -1 FROM `document_entities` WHERE `document_id` = OLD.`id`
		ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `document_topics_insert_counts` AFTER INSERT ON `document_topics` BEGIN
	INSERT INTO `story_counts` (`scope`, `key`, `n`)
		SELECT 'topic', NEW.`topic_id`, 1
		WHERE EXISTS (SELECT 1 FROM `documents` WHERE `id` = NEW.`document_id` AND `deleted_at` IS NULL)
		ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `document_topics_update_counts` AFTER UPDATE OF `document_id`, `topic_id` ON `document_topics` BEGIN
	INSERT INTO `story_counts` (`scope`, `key`, `n`)
		SELECT 'topic', OLD.`topic_id`, -1
		WHERE EXISTS (SELECT 1 FROM `documents` WHERE `id` = OLD.`document_id` AND `deleted_at` IS NULL)
		ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
	INSERT INTO `story_counts` (`scope`, `key`, `n`)
		SELECT 'topic', NEW.`topic_id`, 1
		WHERE EXISTS (SELECT 1 FROM `documents` WHERE `id` = NEW.`document_id` AND `deleted_at` IS NULL)
		ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `document_topics_delete_counts` AFTER DELETE ON `document_topics` BEGIN
	INSERT INTO `story_counts` (`scope`, `key`, `n`)
		SELECT 'topic', OLD.`topic_id`, -1
		WHERE EXISTS (SELECT 1 FROM `documents` WHERE `id` = OLD.`document_id` AND `deleted_at` IS NULL)
		ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `document_entities_insert_counts` AFTER INSERT ON `document_entities` BEGIN
	INSERT INTO `story_counts` (`scope`, `key`, `n`)
		SELECT 'entity', NEW.`entity_id`, 1
		WHERE EXISTS (SELECT 1 FROM `documents` WHERE `id` = NEW.`document_id` AND `deleted_at` IS NULL)
		ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `document_entities_update_counts` AFTER UPDATE OF `document_id`, `entity_id` ON `document_entities` BEGIN
	INSERT INTO `story_counts` (`scope`, `key`, `n`)
		SELECT 'entity', OLD.`entity_id`, -1
		WHERE EXISTS (SELECT 1 FROM `documents` WHERE `id` = OLD.`document_id` AND `deleted_at` IS NULL)
		ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
	INSERT INTO `story_counts` (`scope`, `key`, `n`)
		SELECT 'entity', NEW.`entity_id`, 1
		WHERE EXISTS (SELECT 1 FROM `documents` WHERE `id` = NEW.`document_id` AND `deleted_at` IS NULL)
		ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `document_entities_delete_counts` AFTER DELETE ON `document_entities` BEGIN
	INSERT INTO `story_counts` (`scope`, `key`, `n`)
		SELECT 'entity', OLD.`entity_id`, -1
		WHERE EXISTS (SELECT 1 FROM `documents` WHERE `id` = OLD.`document_id` AND `deleted_at` IS NULL)
		ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
-- Translations are counted whoever they belong to, as /healthz always has.
CREATE TRIGGER `translations_insert_counts` AFTER INSERT ON `translations` BEGIN
	INSERT INTO `story_counts` (`scope`, `key`, `n`) VALUES ('translations', '', 1)
		ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `translations_delete_counts` AFTER DELETE ON `translations` BEGIN
	INSERT INTO `story_counts` (`scope`, `key`, `n`) VALUES ('translations', '', -1)
		ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
-- The backfill: the counts of the database as it is. An upsert that sets the count, so it is
-- right whatever the triggers above did first.
INSERT INTO `story_counts` (`scope`, `key`, `n`)
	SELECT 'all', '', count(*) FROM `documents` WHERE `deleted_at` IS NULL
	ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = excluded.`n`;
--> statement-breakpoint
INSERT INTO `story_counts` (`scope`, `key`, `n`)
	SELECT 'topic', dt.`topic_id`, count(*) FROM `document_topics` dt
		JOIN `documents` d ON d.`id` = dt.`document_id` WHERE d.`deleted_at` IS NULL
		GROUP BY dt.`topic_id`
	ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = excluded.`n`;
--> statement-breakpoint
INSERT INTO `story_counts` (`scope`, `key`, `n`)
	SELECT 'entity', de.`entity_id`, count(*) FROM `document_entities` de
		JOIN `documents` d ON d.`id` = de.`document_id` WHERE d.`deleted_at` IS NULL
		GROUP BY de.`entity_id`
	ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = excluded.`n`;
--> statement-breakpoint
INSERT INTO `story_counts` (`scope`, `key`, `n`)
	-- WHERE true: without a WHERE, SQLite would read ON CONFLICT as a join's ON clause.
	SELECT 'translations', '', count(*) FROM `translations` WHERE true
	ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = excluded.`n`;
--> statement-breakpoint
-- When the content version last moved (migration 0004): the Last-Modified of a list page. A
-- list page changes when any of its stories, its order or its length does; it cannot change
-- without the version moving, and it is cached under that version, so this time is a sound
-- and cheap Last-Modified (one row, read by primary key) where a max(updated_at) over the
-- stories it lists from would be a scan.
ALTER TABLE `site_state` ADD COLUMN `changed_at` text;
--> statement-breakpoint
UPDATE `site_state` SET `changed_at` = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE `id` = 1;
--> statement-breakpoint
CREATE TRIGGER `site_state_version_stamps_time` AFTER UPDATE OF `content_version` ON `site_state` BEGIN
	UPDATE `site_state` SET `changed_at` = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE `id` = 1;
END;
