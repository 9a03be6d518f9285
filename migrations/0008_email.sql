CREATE TABLE `inbound_mails` (
	`id` text PRIMARY KEY NOT NULL,
	`from` text NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`message_id` text,
	`thread_id` text,
	`outcome` text NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `inbound_mails_time` ON `inbound_mails` (`created_at`);--> statement-breakpoint
CREATE INDEX `inbound_mails_thread` ON `inbound_mails` (`thread_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `ticket_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`author_role` text NOT NULL,
	`author_name` text NOT NULL,
	`text` text NOT NULL,
	`attachments` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ticket_messages_ticket` ON `ticket_messages` (`ticket_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `page_url` text;--> statement-breakpoint
ALTER TABLE `mails` ADD `thread_id` text;--> statement-breakpoint
ALTER TABLE `mails` ADD `message_id` text;--> statement-breakpoint
ALTER TABLE `mails` ADD `reply_to` text;--> statement-breakpoint
CREATE INDEX `mails_thread` ON `mails` (`thread_id`,`created_at`);