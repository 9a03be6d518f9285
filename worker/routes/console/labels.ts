/** Labels in the workspace: the list, and the labels of a chat the agent may see. */
import { console } from '../../../protocol/rest/console';
import { Routes } from '../../http/route';
import { conversationLabelList, listLabels, setConversationLabels } from '../../labels/labels';
import { requireChat } from './chat-access';

export const consoleLabelRoutes = new Routes('/api/console')
  .on(console.labels, async (c) => c.json({ labels: await listLabels(c.env.DB) }))
  .on(console.chatLabels, async (c) => {
    const chat = await requireChat(c, c.req.param('id'));
    return c.json({ labels: await conversationLabelList(c.env.DB, chat.id) });
  })
  .on(console.setChatLabels, async (c, checked) => {
    const chat = await requireChat(c, c.req.param('id'));
    const { labelIds } = await checked.body();
    return c.json({ labels: await setConversationLabels(c.env.DB, chat.id, labelIds) });
  });
