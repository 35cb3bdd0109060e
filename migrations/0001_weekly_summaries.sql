CREATE TABLE `cron_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scheduled_time` text NOT NULL,
	`cron` text NOT NULL,
	`started_at` text NOT NULL,
	`ended_at` text,
	`status` text NOT NULL,
	`weeks_rebuilt` text DEFAULT '[]' NOT NULL,
	`attempts` integer DEFAULT 1 NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cron_runs_scheduledTime_unique` ON `cron_runs` (`scheduled_time`);--> statement-breakpoint
CREATE INDEX `cron_runs_started_idx` ON `cron_runs` (`started_at`);--> statement-breakpoint
CREATE TABLE `weekly_summaries` (
	`week` text NOT NULL,
	`lang` text NOT NULL,
	`title` text NOT NULL,
	`summary_text` text NOT NULL,
	`content` text NOT NULL,
	`content_hash` text NOT NULL,
	`source_hash` text NOT NULL,
	`first_published_at` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`week`, `lang`)
);
--> statement-breakpoint
CREATE INDEX `weekly_summaries_lang_week_idx` ON `weekly_summaries` (`lang`,`week`);