/** REST bodies and answers of the agent workspace: visitor panel, contacts, actions, tools. */
import * as v from 'valibot';
import type { Card, ChatMessage, ConversationStatus } from './chat';
import { MAX_MESSAGE_CHARS, MAX_NAME_CHARS } from './limits';
import { accountEmail as email, id } from './fields';
import { trimmedText } from './parse';
import type { LiveVisitor } from './site-frames';

const optionalText = (max: number) => v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max, `must be at most ${max} characters`)));

/** What the "Visitor" panel shows: who they are, what they answered, and where they are now. */
export interface VisitorPanel {
  visitorId: string;
  siteId: string;
  name: string;
  email: string | null;
  /** Name and email came from the site (identify() with a valid hash), not typed by the visitor. */
  verified: boolean;
  /** Pre-chat answers, labelled by the site's survey where it has the field. */
  answers: Array<{ name: string; label: string; value: string }>;
  visits: number;
  /** While the visit lasts (the widget open, or closed less than half an hour ago). */
  live: LiveVisitor | null;
}

/** One of the visitor's conversations, in the History tab. */
export interface PastConversation {
  id: string;
  status: ConversationStatus;
  createdAt: number;
  agentName: string | null;
  preview: string;
}

/** A message that matched a history search (`GET /api/console/search?q=`). */
export interface SearchHit {
  conversationId: string;
  seq: number;
  authorName: string;
  visitorName: string;
  text: string;
  private: boolean;
  at: number;
}

export interface TranscriptResponse {
  conversation: PastConversation & { visitorName: string };
  messages: ChatMessage[];
}

export const EmailTranscriptBody = v.object({
  /** Defaults to the email the visitor gave. */
  to: v.optional(email),
});

export const CreateTicketBody = v.object({
  /** Defaults to the chat's public messages. */
  message: optionalText(MAX_MESSAGE_CHARS),
});

export const BanBody = v.object({
  /** Also ban the IP address the visitor's widget comes from. */
  byIp: v.optional(v.boolean()),
  reason: optionalText(200),
});

export interface Contact {
  id: string;
  siteId: string;
  name: string;
  email: string | null;
  accountNumber: string | null;
  phone: string | null;
  createdAt: number;
}

export interface ContactNote {
  id: string;
  agentName: string;
  text: string;
  createdAt: number;
}

export interface ContactCase {
  id: string;
  title: string;
  status: 'open' | 'closed';
  createdAt: number;
}

export interface ContactRecord {
  contact: Contact;
  notes: ContactNote[];
  cases: ContactCase[];
}

/** The screen pop: the contact matching the chat, or what a new one would be filled with. */
export type ChatContactResponse =
  | { match: ContactRecord; matchedBy: 'account' | 'email' }
  | { match: null; draft: { name: string; email: string | null; accountNumber: string | null } };

export const CreateContactBody = v.object({
  /** The chat the contact comes from (and whose site it belongs to); it is linked to the new contact. */
  conversationId: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(64)),
  name: trimmedText(MAX_NAME_CHARS),
  email: v.optional(v.union([email, v.literal('')], 'must be an email address')),
  accountNumber: optionalText(64),
  phone: optionalText(40),
});

export const ContactNoteBody = v.object({ text: trimmedText(2000) });
export const ContactCaseBody = v.object({ title: trimmedText(200) });

export interface Label {
  id: string;
  name: string;
  color: string;
}

export const LabelBody = v.object({
  name: trimmedText(40),
  color: v.pipe(v.string('must be a colour'), v.regex(/^#[0-9a-f]{6}$/i, 'must be a colour such as #2f6fde')),
});

/** The labels a chat or ticket carries now (replacing what it had). */
export const SetLabelsBody = v.object({ labelIds: v.pipe(v.array(id), v.maxLength(20, 'must have at most 20 labels')) });

export interface PredefinedMessage {
  id: string;
  title: string;
  text: string;
  /** Null: shared by all queues. */
  queueId: string | null;
}

export interface KeptMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  status: 'kept' | 'sent' | 'failed';
  /** The reply address of the conversation or ticket the mail belongs to, if it belongs to one. */
  replyTo: string | null;
  createdAt: number;
}

/** A mail that reached the email handler, and what became of it. */
export interface ReceivedMail {
  id: string;
  from: string;
  to: string;
  subject: string;
  outcome: 'added' | 'dropped' | 'rejected';
  reason: string | null;
  createdAt: number;
}

/** A missing `url` is an empty one, and refused as such. */
/** A mail Parley sent (or kept, where the deployment sends none) for a request. */
export interface SentMail {
  to: string;
  status: KeptMail['status'];
}

export const CardQuery = v.object({
  url: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.maxLength(2048, 'must be at most 2048 characters'),
      v.url('must be a URL'),
      v.check((u) => /^https?:\/\//i.test(u), 'must be an http or https URL'),
    ),
    '',
  ),
});

export interface CardResponse {
  card: Card;
}

export const InviteVisitorBody = v.object({
  message: trimmedText(500),
});
