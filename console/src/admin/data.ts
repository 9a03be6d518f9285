/** The admin pages' shared reads: sites, queues and agents, refetched after a change, and the site being edited. */
import { createResource, createRoot, createSignal } from 'solid-js';
import type { AdminSite } from '../../../protocol/admin-api';
import { admin } from '../../../protocol/rest/admin';
import { call } from '../api';

export const adminData = createRoot(() => {
  // Fetched on first read, so a supervisor's pages never ask for what only admins may see.
  const [wanted, want] = createSignal(false);
  const lazy = <T,>(load: () => Promise<T[]>) => {
    const [value, actions] = createResource(wanted, load);
    const read = () => {
      want(true);
      return value();
    };
    return [read, actions] as const;
  };
  const [sites, { refetch: refetchSites, mutate: mutateSites }] = lazy(async () => (await call(admin.sites)).sites);
  const [queues, { refetch: refetchQueues }] = lazy(async () => (await call(admin.queues)).queues);
  const [agents, { refetch: refetchAgents }] = lazy(async () => (await call(admin.agents)).agents);
  const [siteId, setSiteId] = createSignal<string | null>(null);
  /** The site the site pages edit: the one picked, else the first. */
  const site = () => sites()?.find((s) => s.id === siteId()) ?? sites()?.[0];
  /** Puts a changed site (as the server answered) in place, without a refetch. */
  const siteChanged = (next: AdminSite) => mutateSites((all) => all?.map((s) => (s.id === next.id ? next : s)));
  return { sites, refetchSites, queues, refetchQueues, agents, refetchAgents, site, setSiteId, siteChanged };
});

/** The one line a site pastes into its pages (the loader reads `data-site`); `data-preview` marks the console's preview frame. */
export const scriptTag = (siteId: string, preview = false) =>
  `<script src="${location.origin}/widget.js" data-site="${siteId}"${preview ? ' data-preview' : ''} async></script>`;
