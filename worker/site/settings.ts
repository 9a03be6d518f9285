import { DEFAULT_LIFECYCLE, DEFAULT_WIDGET_SETTINGS, type Lifecycle } from '../../protocol/chat';
import type { SiteSettings } from '../../protocol/site-frames';
import type { sites } from '../db/schema';
import { requireSite } from './sites';

/** What a site's widgets are told: the configurator's settings (or defaults), survey and proactive rules. */
export const settingsOf = (site: typeof sites.$inferSelect): SiteSettings => ({
  widget: { ...DEFAULT_WIDGET_SETTINGS, ...site.widget },
  survey: site.survey,
  proactiveRules: site.proactiveRules,
});

export const readSiteSettings = async (db: D1Database, siteId: string): Promise<SiteSettings> => settingsOf(await requireSite(db, siteId));

/** When the site's chats end by themselves: the admin's settings over the defaults. */
export const lifecycleOf = (site: typeof sites.$inferSelect): Lifecycle => ({ ...DEFAULT_LIFECYCLE, ...site.lifecycle });
