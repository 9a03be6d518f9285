ALTER TABLE `sites` ADD `under_attack` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `queue_id` text REFERENCES queues(id);--> statement-breakpoint
CREATE INDEX `tickets_queue` ON `tickets` (`queue_id`,`created_at`);--> statement-breakpoint
-- Added by hand: tickets from before tickets had a queue go to their chat's queue, if they came from one, else where a chat without routing rules would, the site's first queue.
UPDATE `tickets` SET `queue_id` = COALESCE(
  (SELECT `queue_id` FROM `conversations` WHERE `conversations`.`id` = `tickets`.`conversation_id`),
  (SELECT `id` FROM `queues` WHERE `queues`.`site_id` = `tickets`.`site_id` ORDER BY `created_at`, `id` LIMIT 1)
) WHERE `queue_id` IS NULL;
