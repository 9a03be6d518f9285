/** The console's view of the one access rule (`conversation/access.ts`): the signed-in agent asks. */
import type { Context } from 'hono';
import { requireConversationAccess, type Viewer } from '../../conversation/access';
import { conversationStub } from '../../env';
import type { AppEnv } from '../../http/app-env';

export const agentViewer = (c: Context<AppEnv>): Viewer => ({ role: 'agent', agent: c.var.agent });

/** The conversation's row: 404 if there is none, 403 if it is not this agent's to see. */
export const requireChat = (c: Context<AppEnv>, id: string) => requireConversationAccess(c.env, agentViewer(c), id, 403);

/**
 * The chat's Durable Object, for an action on it (end, leave, transfer, invite): 404 when D1 has
 * no such chat or the agent may not see it, so an outsider learns nothing of it and an unknown
 * id never brings an object into being.
 */
export async function chatToActOn(c: Context<AppEnv>, id: string) {
  await requireConversationAccess(c.env, agentViewer(c), id);
  return conversationStub(c.env, id);
}
