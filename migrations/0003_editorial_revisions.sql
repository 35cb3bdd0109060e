CREATE TABLE `document_sources` (
	`document_id` integer NOT NULL,
	`source_name` text NOT NULL,
	`source_url` text NOT NULL,
	`published_on` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_sources_sourceUrl_unique` ON `document_sources` (`source_url`);--> statement-breakpoint
CREATE INDEX `document_sources_document_idx` ON `document_sources` (`document_id`);--> statement-breakpoint
CREATE TABLE `revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer NOT NULL,
	`lang` text NOT NULL,
	`number` integer NOT NULL,
	`action` text NOT NULL,
	`author` text NOT NULL,
	`created_at` text NOT NULL,
	`data` text NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `revisions_document_lang_number_idx` ON `revisions` (`document_id`,`lang`,`number`);--> statement-breakpoint
ALTER TABLE `documents` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `documents` ADD `deleted_at` text;--> statement-breakpoint
ALTER TABLE `translations` ADD `revision` integer DEFAULT 1 NOT NULL;