/** A chat's state as its Durable Object keeps it. */
import type { AgentRef, ConversationStatus, Lifecycle } from '../../protocol/chat';
import type { QueueRef } from '../queue/queue-types';

export interface ConversationMeta {
  id: string;
  siteId: string;
  queue: QueueRef;
  visitorId: string;
  visitorName: string;
  language: string | null;
  status: ConversationStatus;
  agents: AgentRef[];
  /** One invitation at a time: who is asked, by whom, until when. */
  invitation: { agentId: string; by: string; expiresAt: number } | null;
  queuePosition: { position: number; estimatedWaitMs: number } | null;
  /** The site's timers, as they were when the chat began. */
  lifecycle: Lifecycle;
  /** When the chat ended or was missed; null while it goes on. */
  overAt: number | null;
  /** An agent has written to the visitor: the reports have its first response (absent in chats from before reports). */
  answered?: boolean;
}

export type NewConversation = Omit<ConversationMeta, 'status' | 'agents' | 'invitation' | 'queuePosition' | 'overAt'>;

/** The chat's state in its object's storage, read once per instance (hibernation makes a new one) and kept in step by `save`. */
export class MetaStore {
  private cached: ConversationMeta | null | undefined;

  constructor(private readonly kv: SyncKvStorage) {}

  get(): ConversationMeta | null {
    if (this.cached === undefined) this.cached = this.kv.get<ConversationMeta>('meta') ?? null;
    return this.cached;
  }

  require(): ConversationMeta {
    const meta = this.get();
    if (!meta) throw new Error('conversation not opened');
    return meta;
  }

  save(meta: ConversationMeta): void {
    this.kv.put('meta', meta);
    this.cached = meta;
  }

  /** Retention deleted the storage: the chat is gone. */
  forget(): void {
    this.cached = null;
  }
}
