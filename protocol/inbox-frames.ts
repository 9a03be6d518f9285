/** Frames the server pushes on an agent's inbox socket (the console's live view). */
import type { AgentStatus, ConversationSummary, Offer } from './chat';
import type { ErrorCode } from './errors';

export type InboxFrame =
  | { type: 'inbox'; status: AgentStatus; offers: Offer[]; chats: ConversationSummary[] }
  | { type: 'status'; status: AgentStatus }
  | { type: 'offer'; offer: Offer }
  | { type: 'offer_withdrawn'; conversationId: string; reason: 'expired' | 'taken' }
  | { type: 'chat_assigned'; chat: ConversationSummary }
  | { type: 'error'; code: ErrorCode; message: string };
