CREATE TABLE `routing_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`position` integer NOT NULL,
	`field` text NOT NULL,
	`value` text NOT NULL,
	`queue_id` text NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`queue_id`) REFERENCES `queues`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `routing_rules_site` ON `routing_rules` (`site_id`,`position`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`visitor_id` text,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`message` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tickets_site` ON `tickets` (`site_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `agents` ADD `primary_language` text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE `agents` ADD `secondary_languages` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `language` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `private` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `queues` ADD `offer_timeout_seconds` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `chat_enabled` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `business_hours` text;