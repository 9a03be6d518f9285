/** The agent's own notification choices, and the devices they turned push on for. */
import { console } from '../../../protocol/rest/console';
import { Routes } from '../../http/route';
import { ownOrigin } from '../../http/origin';
import { readPreferences, savePreferences } from '../../notifications/preferences';
import { countSubscriptions, deleteSubscription, saveSubscription } from '../../notifications/subscriptions';
import { vapidPublicKey } from '../../notifications/vapid';

export const notificationRoutes = new Routes('/api/console')
  .on(console.notifications, async (c) => {
    const [preferences, publicKey, devices] = await Promise.all([
      readPreferences(c.env.DB, c.var.agent.id),
      vapidPublicKey(c.env),
      countSubscriptions(c.env.DB, c.var.agent.id),
    ]);
    return c.json({ preferences, push: { publicKey, devices } });
  })
  .on(console.setNotifications, async (c, checked) => {
    const preferences = await checked.body();
    await savePreferences(c.env.DB, c.var.agent.id, preferences);
    return c.json({ preferences });
  })
  .on(console.turnOnPush, async (c, checked) => {
    await saveSubscription(c.env.DB, c.var.agent.id, await checked.body(), ownOrigin(c.req.raw));
    return c.json({ devices: await countSubscriptions(c.env.DB, c.var.agent.id) }, 201);
  })
  .on(console.turnOffPush, async (c, checked) => {
    await deleteSubscription(c.env.DB, c.var.agent.id, (await checked.body()).endpoint);
    return c.json({ devices: await countSubscriptions(c.env.DB, c.var.agent.id) });
  });
