-- Custom SQL migration file, put your code below! --
-- Full-text search over every translation's headline and body (FTS5, trigram tokenizer:
-- Japanese has no spaces between words, and trigrams match inside Uzbek agglutinated words).
-- drizzle-kit cannot express virtual tables or triggers, hence this custom migration.
--
-- Text is folded before indexing: the apostrophe-like marks of Uzbek (oʻ gʻ ʼ and their
-- ASCII/curly stand-ins) are removed, so a query typed with any of them matches. Queries
-- are folded the same way in src/services/search-query.ts.
-- rowid = document_id * 8 + language code, so an update deletes its old row by key.
CREATE VIRTUAL TABLE `search_index` USING fts5(
	`headline`,
	`body`,
	`document_id` UNINDEXED,
	`lang` UNINDEXED,
	tokenize = 'trigram'
);
--> statement-breakpoint
INSERT INTO `search_index` (`rowid`, `headline`, `body`, `document_id`, `lang`)
SELECT
	`t`.`document_id` * 8 + (CASE `t`.`lang` WHEN 'en' THEN 1 WHEN 'uz' THEN 2 WHEN 'ja' THEN 3 ELSE 0 END),
	replace(replace(replace(replace(replace(replace(`t`.`headline`, 'ʻ', ''), 'ʼ', ''), '''', ''), '‘', ''), '’', ''), '`', ''),
	replace(replace(replace(replace(replace(replace((SELECT group_concat(json_extract(`value`, '$.text'), char(10)) FROM json_each(`t`.`body`)), 'ʻ', ''), 'ʼ', ''), '''', ''), '‘', ''), '’', ''), '`', ''),
	`t`.`document_id`,
	`t`.`lang`
FROM `translations` AS `t`;
--> statement-breakpoint
CREATE TRIGGER `translations_search_insert` AFTER INSERT ON `translations` BEGIN
	INSERT INTO `search_index` (`rowid`, `headline`, `body`, `document_id`, `lang`) VALUES (
		NEW.`document_id` * 8 + (CASE NEW.`lang` WHEN 'en' THEN 1 WHEN 'uz' THEN 2 WHEN 'ja' THEN 3 ELSE 0 END),
		replace(replace(replace(replace(replace(replace(NEW.`headline`, 'ʻ', ''), 'ʼ', ''), '''', ''), '‘', ''), '’', ''), '`', ''),
		replace(replace(replace(replace(replace(replace((SELECT group_concat(json_extract(`value`, '$.text'), char(10)) FROM json_each(NEW.`body`)), 'ʻ', ''), 'ʼ', ''), '''', ''), '‘', ''), '’', ''), '`', ''),
		NEW.`document_id`,
		NEW.`lang`
	);
END;
--> statement-breakpoint
CREATE TRIGGER `translations_search_delete` AFTER DELETE ON `translations` BEGIN
	DELETE FROM `search_index`
	WHERE `rowid` = OLD.`document_id` * 8 + (CASE OLD.`lang` WHEN 'en' THEN 1 WHEN 'uz' THEN 2 WHEN 'ja' THEN 3 ELSE 0 END);
END;
--> statement-breakpoint
CREATE TRIGGER `translations_search_update` AFTER UPDATE OF `headline`, `body`, `lang`, `document_id` ON `translations` BEGIN
	DELETE FROM `search_index`
	WHERE `rowid` = OLD.`document_id` * 8 + (CASE OLD.`lang` WHEN 'en' THEN 1 WHEN 'uz' THEN 2 WHEN 'ja' THEN 3 ELSE 0 END);
	INSERT INTO `search_index` (`rowid`, `headline`, `body`, `document_id`, `lang`) VALUES (
		NEW.`document_id` * 8 + (CASE NEW.`lang` WHEN 'en' THEN 1 WHEN 'uz' THEN 2 WHEN 'ja' THEN 3 ELSE 0 END),
		replace(replace(replace(replace(replace(replace(NEW.`headline`, 'ʻ', ''), 'ʼ', ''), '''', ''), '‘', ''), '’', ''), '`', ''),
		replace(replace(replace(replace(replace(replace((SELECT group_concat(json_extract(`value`, '$.text'), char(10)) FROM json_each(NEW.`body`)), 'ʻ', ''), 'ʼ', ''), '''', ''), '‘', ''), '’', ''), '`', ''),
		NEW.`document_id`,
		NEW.`lang`
	);
END;
