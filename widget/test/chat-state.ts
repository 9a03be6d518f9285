import type { ChatMessage } from '../../protocol/chat';
import { NO_RECEIPTS, type ChatState } from '../../protocol/client/conversation-client';

/** A connected visitor's view of a chat holding `messages`, for rendering the message list. */
export const visitorState = (messages: ChatMessage[], name = 'Visitor'): ChatState => ({
  connection: 'open',
  conversation: null,
  you: { role: 'visitor', id: 'v1', name },
  messages,
  pending: [],
  receipts: NO_RECEIPTS,
  queue: null,
  typing: null,
  idleEndsAt: null,
  error: null,
});
