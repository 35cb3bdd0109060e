CREATE TABLE `story_counts` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
