/** Reports and settings for admins, and for supervisors the pages they may use; the server enforces the same. */
import { A, useLocation } from '@solidjs/router';
import { For, lazy, Show, type Component } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { AgentProfile } from '../../../protocol/api';
import type { AgentRole } from '../../../protocol/chat';
import { AgentsPage } from './AgentsPage';
import { ApiTokensPage } from './ApiTokensPage';
import { AuditPage } from './AuditPage';
import { BansPage } from './BansPage';
import { HoursPage } from './HoursPage';
import { LabelsPage } from './LabelsPage';
import { LifecyclePage } from './LifecyclePage';
import { PredefinedPage } from './PredefinedPage';
import { QueuesPage } from './QueuesPage';
import { RetentionPage } from './RetentionPage';
import { SitesPage } from './SitesPage';
import { SurveyPage } from './SurveyPage';
import { WebhooksPage } from './WebhooksPage';
import { WidgetPage } from './WidgetPage';
import './admin.css';

// With its charts, on its own: the console's first load does not carry them.
const ReportsPage = lazy(async () => ({ default: (await import('./ReportsPage')).ReportsPage }));

interface Page {
  path: string;
  name: string;
  roles: AgentRole[];
  component: Component;
}

const ADMIN: AgentRole[] = ['admin'];
const SUPERVISORS: AgentRole[] = ['admin', 'supervisor'];

const PAGES: Page[] = [
  { path: 'reports', name: 'Reports', roles: SUPERVISORS, component: ReportsPage },
  { path: 'agents', name: 'Agents', roles: ADMIN, component: AgentsPage },
  { path: 'queues', name: 'Queues', roles: ADMIN, component: QueuesPage },
  { path: 'sites', name: 'Sites', roles: ADMIN, component: SitesPage },
  { path: 'widget', name: 'Widget', roles: ADMIN, component: WidgetPage },
  { path: 'survey', name: 'Pre-chat survey', roles: ADMIN, component: SurveyPage },
  { path: 'hours', name: 'Business hours', roles: ADMIN, component: HoursPage },
  { path: 'lifecycle', name: 'Chat lifecycle', roles: ADMIN, component: LifecyclePage },
  { path: 'predefined', name: 'Predefined messages', roles: SUPERVISORS, component: PredefinedPage },
  { path: 'bans', name: 'Bans', roles: SUPERVISORS, component: BansPage },
  { path: 'labels', name: 'Labels', roles: ADMIN, component: LabelsPage },
  { path: 'retention', name: 'Retention', roles: ADMIN, component: RetentionPage },
  { path: 'api-tokens', name: 'API tokens', roles: ADMIN, component: ApiTokensPage },
  { path: 'webhooks', name: 'Webhooks', roles: ADMIN, component: WebhooksPage },
  { path: 'audit', name: 'Audit log', roles: ADMIN, component: AuditPage },
];

export function AdminArea(props: { agent: AgentProfile }) {
  const location = useLocation();
  const pages = () => PAGES.filter((p) => p.roles.includes(props.agent.role));
  const current = () => {
    const path = location.pathname.split('/admin/')[1]?.split('/')[0];
    return pages().find((p) => p.path === path) ?? pages()[0];
  };

  return (
    <div class="admin">
      <header class="topbar">
        <h1>Parley admin</h1>
        <span class="who">{props.agent.name}</span>
        <A href="/account">Account</A>
        <A href="/">Chats</A>
      </header>
      <Show when={pages().length > 0} fallback={<main class="admin-page"><p>Settings are for admins and supervisors.</p></main>}>
        <nav aria-label="Settings">
          <ul>
            <For each={pages()}>
              {(page) => (
                <li>
                  <A href={`/admin/${page.path}`} aria-current={current() === page ? 'page' : undefined}>
                    {page.name}
                  </A>
                </li>
              )}
            </For>
          </ul>
        </nav>
        <main class="admin-page">
          <Dynamic component={current()?.component} />
        </main>
      </Show>
    </div>
  );
}
