/** Frames the server pushes on an agent's inbox socket (the console's live view). */
import type { AgentStatus, ConversationSummary, Offer } from './chat';
import type { ErrorCode } from './errors';

export type InboxFrame =
  /** `awayAfterMs`: the console sets the agent away after this long idle in a hidden tab. */
  | { type: 'inbox'; status: AgentStatus; offers: Offer[]; chats: ConversationSummary[]; awayAfterMs: number }
  | { type: 'status'; status: AgentStatus }
  | { type: 'offer'; offer: Offer }
  | { type: 'offer_withdrawn'; conversationId: string; reason: 'expired' | 'taken' }
  /** A chat the agent is in was added or changed. */
  | { type: 'chat'; chat: ConversationSummary }
  /** The agent is no longer in this chat (transferred away, left, or closed the tab). */
  | { type: 'chat_removed'; conversationId: string }
  /** Settings this console shows changed (an admin edited them): fetch them again. */
  | { type: 'refresh'; what: 'predefined' | 'queues' | 'profile' }
  | { type: 'error'; code: ErrorCode; message: string };

/** Close code of every socket of an agent whose sessions were ended (deactivated, password reset): sign in again. */
export const SIGNED_OUT = 4001;
