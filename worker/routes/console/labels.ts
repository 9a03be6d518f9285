/** Labels in the workspace: the list, and the labels of a chat the agent may see. */
import { Hono } from 'hono';
import { SetLabelsBody } from '../../../protocol/workspace';
import type { AppEnv } from '../../http/app-env';
import { readBody } from '../../http/body';
import { conversationLabelList, listLabels, setConversationLabels } from '../../labels/labels';
import { requireChat } from './chat-access';

export const consoleLabelRoutes = new Hono<AppEnv>()
  .get('/labels', async (c) => c.json({ labels: await listLabels(c.env.DB) }))
  .get('/chats/:id/labels', async (c) => {
    const chat = await requireChat(c, c.req.param('id'));
    return c.json({ labels: await conversationLabelList(c.env.DB, chat.id) });
  })
  .put('/chats/:id/labels', async (c) => {
    const chat = await requireChat(c, c.req.param('id'));
    const { labelIds } = await readBody(c, SetLabelsBody);
    return c.json({ labels: await setConversationLabels(c.env.DB, chat.id, labelIds) });
  });
