/**
 * What each notification says, in English as the console does: a push's title, body and the
 * console route it opens, and the mail for the events that have one.
 */
import type { ChatMessage } from '../../protocol/chat';
import type { PushPayload } from '../../protocol/notifications';
import type { Mail } from '../mail/mailer';
import type { NotificationEvent } from './notify';

/** A lock screen shows two lines or so; the rest waits in the console. */
const PREVIEW_CHARS = 140;

const clip = (text: string) => (text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text);

/** A message as one line: its text, else what it carries. */
function preview(message: ChatMessage): string {
  if (message.text.trim()) return clip(message.text.trim().replace(/\s+/g, ' '));
  const files = message.attachments ?? [];
  return files.length ? `Sent ${files.length === 1 ? `a file: ${files[0]!.name}` : `${files.length} files`}` : '';
}

export function pushPayload(event: NotificationEvent): PushPayload {
  switch (event.kind) {
    case 'offer': {
      const { offer } = event;
      const title = offer.kind === 'invite' ? `${offer.invitedBy ?? 'A colleague'} invites you to a chat` : `Chat request from ${offer.visitorName}`;
      return { kind: 'offer', title, body: clip(offer.preview || offer.queueName), url: '/console/', tag: `offer:${offer.conversationId}` };
    }
    case 'message':
      return {
        kind: 'message',
        title: `New message from ${event.message.author.name}`,
        body: preview(event.message),
        url: `/console/chats/${event.conversationId}`,
        tag: `chat:${event.conversationId}`,
      };
    case 'mention':
      return {
        kind: 'mention',
        title: `${event.message.author.name} mentioned you`,
        body: preview(event.message),
        url: `/console/chats/${event.conversationId}`,
        tag: `mention:${event.conversationId}`,
      };
    case 'ticket':
      return {
        kind: 'ticket',
        title: event.ticket.reply ? `${event.ticket.name} replied to a ticket` : `New ticket from ${event.ticket.name}`,
        body: clip(event.ticket.message),
        url: '/console/tickets',
        tag: `ticket:${event.ticket.id}`,
      };
    case 'missed_chat':
      return {
        kind: 'missed_chat',
        title: `Missed chat from ${event.visitorName}`,
        body: clip(event.preview || event.queueName),
        // A missed chat is filed as a ticket: that is where it is answered.
        url: '/console/tickets',
        tag: `missed:${event.conversationId}`,
      };
  }
}

/** The mail for an event that waits for an answer; `null` for the ones that have none. */
export function notificationMail(event: NotificationEvent, to: string): Mail | null {
  switch (event.kind) {
    case 'ticket': {
      const { ticket } = event;
      return {
        to,
        subject: ticket.reply ? `${ticket.name} replied to a ticket on ${ticket.siteName}` : `New ticket from ${ticket.name} on ${ticket.siteName}`,
        text:
          `${ticket.name}${ticket.email ? ` <${ticket.email}>` : ''} ${ticket.reply ? 'replied by mail' : 'left a message'} on ${ticket.siteName}:\n\n` +
          `${ticket.message}\n\nAnswer it under Tickets in the Parley console.\n`,
      };
    }
    case 'missed_chat':
      return {
        to,
        subject: `Missed chat from ${event.visitorName}`,
        text:
          `Nobody answered ${event.visitorName}'s chat in ${event.queueName}.\n\n` +
          (event.preview ? `They wrote:\n${event.preview}\n\n` : '') +
          (event.visitorEmail ? `Their email: ${event.visitorEmail}\n` : 'They left no email address.\n') +
          `\nIt waits as a ticket under Tickets in the Parley console.\n`,
      };
    default:
      return null;
  }
}
