-- Custom SQL migration file, put your code below! --
-- The content version: one number that changes whenever anything a reader can see changes,
-- kept by triggers on every table pages and feeds are made from. Pages and feeds are cached
-- under it (src/routes/conditional.ts) and their ETags name it, so an edit, an import, a seed
-- or a rebuild that changes a row makes every cached page stale at once, and nothing else
-- does: writes that change nothing (the seed's and the cron's guarded upserts) fire no trigger.
-- drizzle-kit cannot express triggers, hence this custom migration.
CREATE TABLE `site_state` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`content_version` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `site_state` (`id`, `content_version`) VALUES (1, 1);
--> statement-breakpoint
CREATE TRIGGER `documents_insert_bumps_version` AFTER INSERT ON `documents` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `documents_update_bumps_version` AFTER UPDATE ON `documents` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `documents_delete_bumps_version` AFTER DELETE ON `documents` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `translations_insert_bumps_version` AFTER INSERT ON `translations` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `translations_update_bumps_version` AFTER UPDATE ON `translations` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `translations_delete_bumps_version` AFTER DELETE ON `translations` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `document_topics_insert_bumps_version` AFTER INSERT ON `document_topics` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `document_topics_update_bumps_version` AFTER UPDATE ON `document_topics` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `document_topics_delete_bumps_version` AFTER DELETE ON `document_topics` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `document_entities_insert_bumps_version` AFTER INSERT ON `document_entities` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `document_entities_update_bumps_version` AFTER UPDATE ON `document_entities` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `document_entities_delete_bumps_version` AFTER DELETE ON `document_entities` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `document_sources_insert_bumps_version` AFTER INSERT ON `document_sources` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `document_sources_update_bumps_version` AFTER UPDATE ON `document_sources` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `document_sources_delete_bumps_version` AFTER DELETE ON `document_sources` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `entities_insert_bumps_version` AFTER INSERT ON `entities` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `entities_update_bumps_version` AFTER UPDATE ON `entities` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `entities_delete_bumps_version` AFTER DELETE ON `entities` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `topics_insert_bumps_version` AFTER INSERT ON `topics` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `topics_update_bumps_version` AFTER UPDATE ON `topics` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `topics_delete_bumps_version` AFTER DELETE ON `topics` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `weekly_summaries_insert_bumps_version` AFTER INSERT ON `weekly_summaries` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `weekly_summaries_update_bumps_version` AFTER UPDATE ON `weekly_summaries` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `weekly_summaries_delete_bumps_version` AFTER DELETE ON `weekly_summaries` BEGIN
	UPDATE `site_state` SET `content_version` = `content_version` + 1 WHERE `id` = 1;
END;
