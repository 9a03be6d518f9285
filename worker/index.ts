import { app } from './app';
import type { Env } from './env';
import { forgetEndedCounts } from './http/rate-counters';
import { runRetention } from './retention/retention';
import { receiveMail } from './mail/inbound';
import { deadLetters, deliverBatch, type DeliveryMessage } from './webhooks/delivery';

export { AgentDO } from './agent/agent-do';
export { ConversationDO } from './conversation/conversation-do';
export { QueueDO } from './queue/queue-do';
export { SiteDO } from './site/site-do';

export default {
  fetch: app.fetch,
  // Mail to a reply address, from Cloudflare Email Routing (docs/email.md).
  email: (message, env) => receiveMail(env, message),
  // The daily cron (wrangler.toml): retention, and rate counters whose window has ended.
  scheduled: async (_controller, env, ctx) => {
    ctx.waitUntil(Promise.all([runRetention(env), forgetEndedCounts(env.DB)]));
  },
  // Webhook deliveries, and those whose retries ran out (wrangler.toml's two consumers).
  queue: async (batch, env) => (batch.queue.endsWith('-dead') ? deadLetters(batch, env) : deliverBatch(batch, env)),
} satisfies ExportedHandler<Env, DeliveryMessage>;
