/** The admin pages' shared reads: sites, queues and agents, refetched after a change, and the site being edited. */
import { createResource, createRoot, createSignal } from 'solid-js';
import type { AdminAgent, AdminQueue, AdminSite } from '../../../protocol/admin-api';
import { api } from '../api';

export const adminData = createRoot(() => {
  // Fetched on first read, so a supervisor's pages never ask for what only admins may see.
  const [wanted, want] = createSignal(false);
  const lazy = <T,>(path: string, key: string) => {
    const [value, actions] = createResource(wanted, async () => (await api<Record<string, T[]>>('GET', path))[key]!);
    const read = () => {
      want(true);
      return value();
    };
    return [read, actions] as const;
  };
  const [sites, { refetch: refetchSites, mutate: mutateSites }] = lazy<AdminSite>('/api/admin/sites', 'sites');
  const [queues, { refetch: refetchQueues }] = lazy<AdminQueue>('/api/admin/queues', 'queues');
  const [agents, { refetch: refetchAgents }] = lazy<AdminAgent>('/api/admin/agents', 'agents');
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
