CREATE TABLE `document_entities` (
	`document_id` integer NOT NULL,
	`entity_id` integer NOT NULL,
	`mentions` integer DEFAULT 1 NOT NULL,
	PRIMARY KEY(`document_id`, `entity_id`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `document_entities_entity_idx` ON `document_entities` (`entity_id`,`document_id`);--> statement-breakpoint
CREATE TABLE `document_topics` (
	`document_id` integer NOT NULL,
	`topic_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`document_id`, `topic_id`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `document_topics_topic_idx` ON `document_topics` (`topic_id`,`document_id`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`source_name` text NOT NULL,
	`source_url` text NOT NULL,
	`published_on` text NOT NULL,
	`published_note` text,
	`iso_week` text NOT NULL,
	`original_language` text NOT NULL,
	`headline_is_editorial` integer DEFAULT false NOT NULL,
	`photo_credit` text,
	`content_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_slug_unique` ON `documents` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `documents_sourceUrl_unique` ON `documents` (`source_url`);--> statement-breakpoint
CREATE INDEX `documents_published_idx` ON `documents` (`published_on`,`id`);--> statement-breakpoint
CREATE INDEX `documents_week_idx` ON `documents` (`iso_week`,`published_on`);--> statement-breakpoint
CREATE TABLE `entities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`kind` text NOT NULL,
	`name_en` text NOT NULL,
	`name_uz` text NOT NULL,
	`name_ja` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `entities_slug_unique` ON `entities` (`slug`);--> statement-breakpoint
CREATE TABLE `topics` (
	`id` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `translations` (
	`document_id` integer NOT NULL,
	`lang` text NOT NULL,
	`headline` text NOT NULL,
	`summary` text NOT NULL,
	`body` text NOT NULL,
	`origin` text DEFAULT 'human' NOT NULL,
	`content_hash` text NOT NULL,
	PRIMARY KEY(`document_id`, `lang`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
