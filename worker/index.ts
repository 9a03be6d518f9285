import { app } from './app';
import type { Env } from './env';
import { runRetention } from './retention/retention';

export { AgentDO } from './agent/agent-do';
export { ConversationDO } from './conversation/conversation-do';
export { QueueDO } from './queue/queue-do';
export { SiteDO } from './site/site-do';

export default {
  fetch: app.fetch,
  // The daily cron (wrangler.toml): retention.
  scheduled: async (_controller, env, ctx) => {
    ctx.waitUntil(runRetention(env));
  },
} satisfies ExportedHandler<Env>;
