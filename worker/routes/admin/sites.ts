/** Sites and everything a site's widget shows: origins, secret, chat on/off, configurator, survey and routing, invitations, hours, retention. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Context } from 'hono';
import type { SiteSecretResponse } from '../../../protocol/admin-api';
import { ulid } from '../../../protocol/ids';
import { admin } from '../../../protocol/rest/admin';
import { audit } from '../../audit/audit';
import { adminSite, listSites, newIdentitySecret, newSiteId, pushSettings } from '../../site/site-admin';
import { requireRole } from '../../auth/roles';
import { requireChallengeAvailable } from '../../site/under-attack';
import { database } from '../../db/client';
import { queues, routingRules, sites } from '../../db/schema';
import type { AppEnv } from '../../http/app-env';
import { Routes } from '../../http/route';
import { HttpError } from '../../http/errors';

type SiteChange = Partial<typeof sites.$inferInsert>;

/** Writes the change, records it, and answers with the site as it is now. */
async function change(c: Context<AppEnv>, action: string, values: SiteChange, detail: Record<string, unknown>) {
  const id = c.req.param('id')!;
  await adminSite(c.env.DB, id);
  await database(c.env.DB).update(sites).set(values).where(eq(sites.id, id));
  await audit(c.env.DB, c.var.agent.id, action, id, detail);
  return id;
}

export const siteAdminRoutes = new Routes('/api/admin/sites')
  .use(requireRole('admin'))
  .on(admin.sites, async (c) => c.json({ sites: await listSites(c.env.DB) }))
  .on(admin.site, async (c) => c.json({ site: await adminSite(c.env.DB, c.req.param('id')) }))
  /** A new site comes with a "General" queue, so its widget can take chats once agents join it. */
  .on(admin.createSite, async (c, checked) => {
    const body = await checked.body();
    requireChallengeAvailable(c.env, body.underAttack);
    const id = newSiteId(body.name);
    const identitySecret = newIdentitySecret();
    const now = Date.now();
    const d = database(c.env.DB);
    await d.batch([
      d.insert(sites).values({ id, ...body, identitySecret, createdAt: now }),
      d.insert(queues).values({ id: ulid(), siteId: id, name: 'General', createdAt: now }),
    ]);
    await audit(c.env.DB, c.var.agent.id, 'site.created', id, body);
    return c.json<SiteSecretResponse>({ site: await adminSite(c.env.DB, id), identitySecret }, 201);
  })
  .on(admin.updateSite, async (c, checked) => {
    const body = await checked.body();
    requireChallengeAvailable(c.env, body.underAttack);
    const id = await change(c, 'site.updated', body, body);
    return c.json({ site: await adminSite(c.env.DB, id) });
  })
  /** The new secret is in this answer only; the old one stops working at once. */
  .on(admin.rotateIdentitySecret, async (c) => {
    const identitySecret = newIdentitySecret();
    const id = await change(c, 'site.identity_secret_rotated', { identitySecret }, {});
    return c.json<SiteSecretResponse>({ site: await adminSite(c.env.DB, id), identitySecret });
  })
  .on(admin.setWidget, async (c, checked) => {
    const widget = await checked.body();
    const id = await change(c, 'site.widget_changed', { widget }, widget);
    await pushSettings(c.env, id);
    return c.json({ site: await adminSite(c.env.DB, id) });
  })
  .on(admin.setSurvey, async (c, checked) => {
    const { fields, rules } = await checked.body();
    const siteId = c.req.param('id');
    const queueIds = [...new Set(rules.map((r) => r.queueId))];
    const own = queueIds.length
      ? await database(c.env.DB).select({ id: queues.id }).from(queues).where(and(eq(queues.siteId, siteId), inArray(queues.id, queueIds)))
      : [];
    const bad = rules.findIndex((r) => !own.some((q) => q.id === r.queueId));
    if (bad >= 0) throw new HttpError(400, { code: 'invalid_request', message: `rules.${bad}.queueId: not a queue of this site`, field: `rules.${bad}.queueId` });
    const id = await change(c, 'site.survey_changed', { survey: fields }, { fields, rules });
    const d = database(c.env.DB);
    await d.batch([
      d.delete(routingRules).where(eq(routingRules.siteId, id)),
      ...rules.map((r, position) => d.insert(routingRules).values({ id: ulid(), siteId: id, position, ...r })),
    ]);
    await pushSettings(c.env, id);
    return c.json({ site: await adminSite(c.env.DB, id) });
  })
  .on(admin.setProactiveRules, async (c, checked) => {
    const { rules } = await checked.body();
    const proactiveRules = rules.map(({ id, ...rule }) => ({ id: id ?? ulid(), ...rule }));
    const id = await change(c, 'site.proactive_changed', { proactiveRules }, { rules });
    await pushSettings(c.env, id);
    return c.json({ site: await adminSite(c.env.DB, id) });
  })
  .on(admin.setBusinessHours, async (c, checked) => {
    const { hours } = await checked.body();
    const id = await change(c, 'site.hours_changed', { businessHours: hours }, { hours });
    return c.json({ site: await adminSite(c.env.DB, id) });
  })
  /** When the site's chats end by themselves; applies to chats that start from now on. */
  .on(admin.setLifecycle, async (c, checked) => {
    const lifecycle = await checked.body();
    const id = await change(c, 'site.lifecycle_changed', { lifecycle }, lifecycle);
    return c.json({ site: await adminSite(c.env.DB, id) });
  })
  .on(admin.setRetention, async (c, checked) => {
    const { retentionDays } = await checked.body();
    const id = await change(c, 'site.retention_changed', { retentionDays }, { retentionDays });
    return c.json({ site: await adminSite(c.env.DB, id) });
  });
