CREATE TABLE `document_provenance` (
	`document_id` integer PRIMARY KEY NOT NULL,
	`source_id` integer NOT NULL,
	`item_guid` text,
	`item_url` text NOT NULL,
	`fetched_at` text NOT NULL,
	`raw_hash` text NOT NULL,
	`rights` text NOT NULL,
	`author` text,
	`lead_image_url` text,
	`lead_image_credit` text,
	`original_cyrillic` text,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `source_items` (
	`source_id` integer NOT NULL,
	`item_key` text NOT NULL,
	`url` text NOT NULL,
	`content_hash` text,
	`outcome` text NOT NULL,
	`document_id` integer,
	`seen_at` text NOT NULL,
	PRIMARY KEY(`source_id`, `item_key`),
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `source_items_url_idx` ON `source_items` (`url`);--> statement-breakpoint
CREATE INDEX `source_items_hash_idx` ON `source_items` (`content_hash`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`feed_url` text NOT NULL,
	`homepage` text,
	`language` text NOT NULL,
	`rights` text DEFAULT 'excerpt' NOT NULL,
	`always_relevant` integer DEFAULT false NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`note` text,
	`etag` text,
	`last_modified` text,
	`last_polled_at` text,
	`last_status` integer,
	`last_error` text,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`next_poll_at` text,
	`items_seen` integer DEFAULT 0 NOT NULL,
	`items_accepted` integer DEFAULT 0 NOT NULL,
	`items_skipped` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sources_feedUrl_unique` ON `sources` (`feed_url`);--> statement-breakpoint
CREATE TABLE `translation_flags` (
	`document_id` integer NOT NULL,
	`lang` text NOT NULL,
	`problem` text NOT NULL,
	`model` text NOT NULL,
	`flagged_at` text NOT NULL,
	PRIMARY KEY(`document_id`, `lang`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
