/** What a chat tells the other Durable Objects: its agents' inboxes, and its queue. */
import type { AgentRef, ConversationSummary } from '../../protocol/chat';
import { agentStub, type Env } from '../env';
import type { QueueEntry } from '../queue/queue-types';
import type { ConversationMeta } from './conversation-meta';

/** Agents still in the chat get its new summary; those who left (or all, with `closeTabs`) lose it from their inbox. */
export async function tellAgents(env: Env, before: AgentRef[], summary: ConversationSummary, closeTabs = false): Promise<void> {
  const staying = closeTabs ? [] : summary.agents;
  const everyone = new Map([...before, ...summary.agents].map((a) => [a.id, a]));
  const gone = [...everyone.values()].filter((a) => !staying.some((b) => b.id === a.id));
  await Promise.all([
    ...staying.map((a) => agentStub(env, a.id).updateChat(summary)),
    ...gone.map((a) => agentStub(env, a.id).removeChat(summary.id)),
  ]);
}

/** The chat as its queue holds it while it waits; `preview` is the visitor's first words. */
export const queueEntry = (meta: ConversationMeta, preview: string): QueueEntry => ({
  conversationId: meta.id,
  queueId: meta.queue.id,
  queueName: meta.queue.name,
  visitorName: meta.visitorName,
  preview: preview.slice(0, 200),
  language: meta.language,
  offerTimeoutMs: meta.queue.offerTimeoutMs,
});
