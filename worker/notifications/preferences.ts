/** Which events each agent wants to hear of, per channel: one D1 row per agent who chose. */
import { inArray } from 'drizzle-orm';
import { DEFAULT_PREFERENCES, type NotificationPreferences } from '../../protocol/notifications';
import { database } from '../db/client';
import { notificationPreferences } from '../db/schema';

/** Stored choices over the defaults, so an event added later starts at its default for everyone. */
const withDefaults = (stored: NotificationPreferences | undefined): NotificationPreferences => ({
  push: { ...DEFAULT_PREFERENCES.push, ...stored?.push },
  email: { ...DEFAULT_PREFERENCES.email, ...stored?.email },
});

export async function preferencesOf(db: D1Database, agentIds: string[]): Promise<Map<string, NotificationPreferences>> {
  const rows = await database(db).select().from(notificationPreferences).where(inArray(notificationPreferences.agentId, agentIds));
  const stored = new Map(rows.map((r) => [r.agentId, r.choices]));
  return new Map(agentIds.map((id) => [id, withDefaults(stored.get(id))]));
}

export async function readPreferences(db: D1Database, agentId: string): Promise<NotificationPreferences> {
  return (await preferencesOf(db, [agentId])).get(agentId)!;
}

export async function savePreferences(db: D1Database, agentId: string, choices: NotificationPreferences): Promise<void> {
  const updatedAt = Date.now();
  await database(db)
    .insert(notificationPreferences)
    .values({ agentId, choices, updatedAt })
    .onConflictDoUpdate({ target: notificationPreferences.agentId, set: { choices, updatedAt } });
}
