/**
 * Conversations over the public API: listed from D1, read with their messages from their Durable
 * Object, and changed through it, as the console changes them, so open widgets and consoles see it.
 */
import { ulid } from '../../../protocol/ids';
import type { ChatMessage } from '../../../protocol/chat';
import { requireAgentRow } from '../../agent/agents';
import { conversationRow } from '../../conversation/access';
import { conversationStub } from '../../env';
import { listConversations, requireApiConversation } from '../../history/conversation-list';
import { chatMessages } from '../../history/transcript';
import { conversationLabelList, setConversationLabels } from '../../labels/labels';
import { HttpError } from '../../http/errors';
import { refusal, unwrap } from '../../http/refusals';
import { Routes } from '../../http/route';
import { requireSite } from '../../site/sites';
import { scoped } from './scoped';

/** The conversation's D1 row, or 404 before any Durable Object is touched. */
async function requireRow(db: D1Database, id: string) {
  const row = await conversationRow(db, id);
  if (!row) throw new HttpError(404, { code: 'not_found', message: 'No such conversation' });
  return row;
}

/** Who speaks: the named agent, else the site by its name. */
async function speaker(db: D1Database, siteId: string, agentId: string | undefined): Promise<ChatMessage['author'] & { role: 'agent' }> {
  if (agentId) {
    const agent = await requireAgentRow(db, agentId);
    return { role: 'agent', id: agent.id, name: agent.name };
  }
  return { role: 'agent', name: (await requireSite(db, siteId)).name };
}

export const v1ConversationRoutes = new Routes('/api/v1')
  .on(...scoped('conversations'), async (c, checked) => c.json(await listConversations(c.env.DB, checked.query())))
  .on(...scoped('conversation'), async (c) => {
    const conversation = await requireApiConversation(c.env.DB, c.req.param('id'));
    return c.json({ conversation, messages: await chatMessages(c.env, conversation.id, 'agents') });
  })
  .on(...scoped('postMessage'), async (c, checked) => {
    const row = await requireRow(c.env.DB, c.req.param('id'));
    const body = await checked.body();
    const author = await speaker(c.env.DB, row.siteId, body.agentId);
    const posted = await conversationStub(c.env, row.id).postFromApi(author, {
      clientId: body.clientId ?? ulid(),
      text: body.text,
      ...(body.private ? { private: true as const } : {}),
    });
    if (!posted.ok) throw refusal(posted.error);
    return c.json({ message: posted.message }, 201);
  })
  .on(...scoped('endConversation'), async (c, checked) => {
    const row = await requireRow(c.env.DB, c.req.param('id'));
    const { agentId } = await checked.body();
    const by = await speaker(c.env.DB, row.siteId, agentId);
    const ended = unwrap(await conversationStub(c.env, row.id).end(agentId ? { role: 'agent', id: by.id!, name: by.name } : { role: 'site', id: row.siteId, name: by.name }));
    // D1's row, as the list shows it, with the status the DO has now (D1 hears of it a moment later).
    const conversation = await requireApiConversation(c.env.DB, row.id);
    return c.json({ conversation: { ...conversation, status: ended.status } });
  })
  .on(...scoped('addLabels'), async (c, checked) => {
    const row = await requireRow(c.env.DB, c.req.param('id'));
    const { labelIds } = await checked.body();
    const had = (await conversationLabelList(c.env.DB, row.id)).map((l) => l.id);
    return c.json({ labels: await setConversationLabels(c.env.DB, row.id, [...had, ...labelIds]) });
  });
