/**
 * A chat's webhook events, read off the entries its D1 outbox has just written (`d1-outbox.ts`):
 * public messages (not private notes, not system lines), the chat starting (the visitor's first
 * message) and ending. Ids come from the entries, so a flush that is retried publishes nothing twice.
 */
import type { OutboxEntry } from '../conversation/d1-outbox';
import { ticketOfChat } from '../tickets/tickets';
import type { WebhookEvent } from './publish';

/** The tickets missed chats became in this batch: made by the outbox's own write, read back for their ids. */
export async function missedChatTickets(db: D1Database, entries: readonly OutboxEntry[]): Promise<WebhookEvent[]> {
  const events: WebhookEvent[] = [];
  for (const e of entries) {
    if (e.kind !== 'ticket') continue;
    const ticket = await ticketOfChat(db, e.conversationId);
    // The same id as a ticket made any other way (`createTicket`): one event per ticket, however often the batch is retried.
    if (ticket) events.push({ id: `evt_ticket_${ticket.id}_created`, type: 'ticket.created', at: ticket.createdAt, data: { ticket } });
  }
  return events;
}

export function chatEvents(entries: readonly OutboxEntry[]): WebhookEvent[] {
  return entries.flatMap((e): WebhookEvent[] => {
    if (e.kind === 'message') {
      const { message, conversationId } = e;
      if (message.private || message.author.role === 'system') return [];
      const created: WebhookEvent = { id: `msg_${conversationId}_${message.seq}`, type: 'message.created', at: message.at, data: { conversationId, message } };
      if (message.seq !== 1 || message.author.role !== 'visitor') return [created];
      const started: WebhookEvent = {
        id: `evt_${conversationId}_started`,
        type: 'conversation.started',
        at: message.at,
        data: { conversationId, visitorId: message.author.id ?? null, visitorName: message.author.name, firstMessage: message.text },
      };
      return [started, created];
    }
    if (e.kind === 'status' && (e.status === 'ended' || e.status === 'missed')) {
      const { conversationId, status, queueId, agentId, at } = e;
      return [{ id: `evt_${conversationId}_${status}_${at}`, type: 'conversation.ended', at, data: { conversationId, status, queueId, agentId } }];
    }
    return [];
  });
}
