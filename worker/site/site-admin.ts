/** Sites as admins see them, and the live side of changing them. */
import { asc, eq } from 'drizzle-orm';
import type { AdminSite } from '../../protocol/admin-api';
import { DEFAULT_WIDGET_SETTINGS } from '../../protocol/chat';
import { lifecycleOf } from './settings';
import { ulid } from '../../protocol/ids';
import { randomToken } from '../auth/encoding';
import { database } from '../db/client';
import { routingRules, sites } from '../db/schema';
import { siteStub, type Env } from '../env';
import { readSiteSettings } from './settings';
import { requireSite } from './sites';

/** "Nordic Pottery!" → "nordic-pottery-7k3q": readable, and unique without a look-up. */
export const newSiteId = (name: string) =>
  `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'site'}-${ulid().slice(-4).toLowerCase()}`;

/** A fresh identity secret for `identify()` hashes. */
export const newIdentitySecret = () => randomToken(32);

export async function adminSite(db: D1Database, siteId: string): Promise<AdminSite> {
  return toAdminSite(await requireSite(db, siteId), db);
}

export async function listSites(db: D1Database): Promise<AdminSite[]> {
  const rows = await database(db).select().from(sites).orderBy(asc(sites.createdAt), asc(sites.id));
  return Promise.all(rows.map((row) => toAdminSite(row, db)));
}

async function toAdminSite(site: typeof sites.$inferSelect, db: D1Database): Promise<AdminSite> {
  const rules = await database(db)
    .select({ field: routingRules.field, value: routingRules.value, queueId: routingRules.queueId })
    .from(routingRules)
    .where(eq(routingRules.siteId, site.id))
    .orderBy(asc(routingRules.position));
  return {
    id: site.id,
    name: site.name,
    allowedOrigins: site.allowedOrigins,
    chatEnabled: site.chatEnabled,
    underAttack: site.underAttack,
    identitySecretSet: site.identitySecret !== null,
    widget: { ...DEFAULT_WIDGET_SETTINGS, ...site.widget },
    survey: site.survey,
    routingRules: rules,
    proactiveRules: site.proactiveRules,
    businessHours: site.businessHours ?? null,
    retentionDays: site.retentionDays,
    lifecycle: lifecycleOf(site),
  };
}

/** Open widgets of the site get the new settings now, without a reload. */
export async function pushSettings(env: Env, siteId: string): Promise<void> {
  await siteStub(env, siteId).settingsChanged(await readSiteSettings(env.DB, siteId));
}
