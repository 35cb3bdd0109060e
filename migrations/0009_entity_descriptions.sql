ALTER TABLE `entities` ADD `description_en` text;--> statement-breakpoint
ALTER TABLE `entities` ADD `description_uz` text;--> statement-breakpoint
ALTER TABLE `entities` ADD `description_ja` text;