-- Custom SQL migration file, put your code below! --
-- One timestamp format: ISO 8601 UTC with milliseconds ("2025-12-22T06:00:00.000Z"), what the
-- Worker writes (Date.prototype.toISOString). Instants stamped by SQLite (a column default, the
-- seed, the content-version trigger) had seconds only ("…T06:00:00Z"), so two formats sat in one
-- column and did not compare as strings; they are rewritten here, idempotently (only values that
-- differ from their normal form; a value SQLite cannot read as a time compares NULL: left as is). `cron_runs.scheduled_time`
-- and `rebuild_tasks.run_key` (the run's key, always from toISOString) are not touched.
-- The ingestion tables (0008) are stamped by the Worker already; they are normalised too, so no
-- row written by hand or by an older build escapes. `sources.last_modified` is the feed's HTTP
-- date, sent back as it came: not an instant of ours, not touched.
-- `documents` keeps its DDL default: changing a SQLite default rebuilds the table, and dropping
-- `documents` would cascade to its texts. No writer relies on it any more (the seed stamps
-- both columns), and the trigger below now stamps milliseconds too.
UPDATE `documents` SET `created_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `created_at`)
	WHERE `created_at` != strftime('%Y-%m-%dT%H:%M:%fZ', `created_at`);
--> statement-breakpoint
UPDATE `documents` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `updated_at`)
	WHERE `updated_at` != strftime('%Y-%m-%dT%H:%M:%fZ', `updated_at`);
--> statement-breakpoint
UPDATE `documents` SET `deleted_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `deleted_at`)
	WHERE `deleted_at` != strftime('%Y-%m-%dT%H:%M:%fZ', `deleted_at`);
--> statement-breakpoint
UPDATE `document_sources` SET `created_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `created_at`)
	WHERE `created_at` != strftime('%Y-%m-%dT%H:%M:%fZ', `created_at`);
--> statement-breakpoint
UPDATE `revisions` SET `created_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `created_at`)
	WHERE `created_at` != strftime('%Y-%m-%dT%H:%M:%fZ', `created_at`);
--> statement-breakpoint
UPDATE `weekly_summaries` SET `first_published_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `first_published_at`)
	WHERE `first_published_at` != strftime('%Y-%m-%dT%H:%M:%fZ', `first_published_at`);
--> statement-breakpoint
UPDATE `weekly_summaries` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `updated_at`)
	WHERE `updated_at` != strftime('%Y-%m-%dT%H:%M:%fZ', `updated_at`);
--> statement-breakpoint
UPDATE `cron_runs` SET `started_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `started_at`)
	WHERE `started_at` != strftime('%Y-%m-%dT%H:%M:%fZ', `started_at`);
--> statement-breakpoint
UPDATE `cron_runs` SET `ended_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `ended_at`)
	WHERE `ended_at` != strftime('%Y-%m-%dT%H:%M:%fZ', `ended_at`);
--> statement-breakpoint
UPDATE `rebuild_tasks` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `updated_at`)
	WHERE `updated_at` != strftime('%Y-%m-%dT%H:%M:%fZ', `updated_at`);
--> statement-breakpoint
UPDATE `site_state` SET `changed_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `changed_at`)
	WHERE `changed_at` != strftime('%Y-%m-%dT%H:%M:%fZ', `changed_at`);
--> statement-breakpoint
UPDATE `sources` SET `created_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `created_at`)
	WHERE `created_at` != strftime('%Y-%m-%dT%H:%M:%fZ', `created_at`);
--> statement-breakpoint
UPDATE `sources` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `updated_at`)
	WHERE `updated_at` != strftime('%Y-%m-%dT%H:%M:%fZ', `updated_at`);
--> statement-breakpoint
UPDATE `sources` SET `last_polled_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `last_polled_at`)
	WHERE `last_polled_at` != strftime('%Y-%m-%dT%H:%M:%fZ', `last_polled_at`);
--> statement-breakpoint
UPDATE `sources` SET `next_poll_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `next_poll_at`)
	WHERE `next_poll_at` != strftime('%Y-%m-%dT%H:%M:%fZ', `next_poll_at`);
--> statement-breakpoint
UPDATE `source_items` SET `seen_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `seen_at`)
	WHERE `seen_at` != strftime('%Y-%m-%dT%H:%M:%fZ', `seen_at`);
--> statement-breakpoint
UPDATE `document_provenance` SET `fetched_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `fetched_at`)
	WHERE `fetched_at` != strftime('%Y-%m-%dT%H:%M:%fZ', `fetched_at`);
--> statement-breakpoint
UPDATE `translation_flags` SET `flagged_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `flagged_at`)
	WHERE `flagged_at` != strftime('%Y-%m-%dT%H:%M:%fZ', `flagged_at`);
--> statement-breakpoint
DROP TRIGGER `site_state_version_stamps_time`;
--> statement-breakpoint
CREATE TRIGGER `site_state_version_stamps_time` AFTER UPDATE OF `content_version` ON `site_state` BEGIN
	UPDATE `site_state` SET `changed_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE `id` = 1;
END;
