import { app } from './app';
import type { Env } from './env';

export { AgentDO } from './agent/agent-do';
export { ConversationDO } from './conversation/conversation-do';
export { QueueDO } from './queue/queue-do';
export { SiteDO } from './site/site-do';

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
