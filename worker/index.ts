import { app } from './app';
import type { Env } from './env';
import { forgetStaleAttempts } from './auth/throttle';
import { runRetention } from './retention/retention';

export { AgentDO } from './agent/agent-do';
export { ConversationDO } from './conversation/conversation-do';
export { QueueDO } from './queue/queue-do';
export { SiteDO } from './site/site-do';

export default {
  fetch: app.fetch,
  // The daily cron (wrangler.toml): retention, and old sign-in failure counts.
  scheduled: async (_controller, env, ctx) => {
    ctx.waitUntil(Promise.all([runRetention(env), forgetStaleAttempts(env.DB)]));
  },
} satisfies ExportedHandler<Env>;
