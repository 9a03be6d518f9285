-- The widget (issue #5): how many transcripts a visitor had mailed for each conversation.
ALTER TABLE `conversations` ADD `transcripts_sent` integer DEFAULT 0 NOT NULL;
