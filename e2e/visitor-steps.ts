/** Steps the widget's browser tests share. */
import type { Page } from 'playwright-core';
import { conversation } from './people';

/** The visitor's open conversation, asked with the widget's own token. */
export const conversationId = (visitor: Page) =>
  visitor.evaluate(async () => {
    const res = await fetch('/api/visitor/conversation', { headers: { Authorization: `Bearer ${localStorage.getItem('parley:demo-shop:visitor')}` } });
    return ((await res.json()) as { conversation: { id: string } | null }).conversation?.id ?? null;
  });

/**
 * Ends the visitor's chat (as End chat does, unless they already did) and closes it for the agent,
 * so the agent starts the next test with no chat left over.
 */
export async function chatIsOver(visitor: Page, agent: Page, id?: string): Promise<void> {
  const chat = id ?? (await conversationId(visitor));
  if (!chat) throw new Error('the visitor has no chat to end');
  await visitor.evaluate(async () => {
    const token = localStorage.getItem('parley:demo-shop:visitor');
    await fetch('/api/visitor/conversation/end', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' });
  });
  // Closed only once the agent's side knows it ended; a close before that would be undone by the news.
  await conversation(agent).getByText(/ended the chat$/).waitFor();
  const status = await agent.evaluate(async (chat) => (await fetch(`/api/console/chats/${chat}/close`, { method: 'POST' })).status, chat);
  if (status !== 204) throw new Error(`closing the chat failed: ${status}`);
}
