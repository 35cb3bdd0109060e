CREATE TABLE `rebuild_tasks` (
	`run_key` text NOT NULL,
	`week` text NOT NULL,
	`lang` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`run_key`, `week`, `lang`)
);
