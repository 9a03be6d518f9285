ALTER TABLE `agents` ADD `away_after_minutes` integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `lifecycle` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `conversation_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_conversation` ON `tickets` (`conversation_id`);--> statement-breakpoint
-- Tickets: 'closed' is now 'solved' (statuses open, pending, solved).
UPDATE `tickets` SET `status` = 'solved' WHERE `status` = 'closed';
