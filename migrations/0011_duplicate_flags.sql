CREATE TABLE `duplicate_flags` (
	`document_id` integer PRIMARY KEY NOT NULL,
	`similar_to` integer NOT NULL,
	`overlap` real NOT NULL,
	`flagged_at` text NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`similar_to`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `duplicate_flags_similar_idx` ON `duplicate_flags` (`similar_to`);