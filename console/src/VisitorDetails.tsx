/** The "Visitor" region: who the visitor is and where they are now, updated as they browse. */
import { createResource, For, onCleanup, Show } from 'solid-js';
import type { LiveVisitor } from '../../protocol/site-frames';
import type { VisitorPanel } from '../../protocol/workspace';
import { console } from '../../protocol/rest/console';
import { call } from './api';
import { describeBrowser } from './user-agent';
import { watchSite } from './live-site';

function Lock() {
  return (
    <span class="lock" title="Verified by the site">
      <svg viewBox="0 0 24 24" width="12" height="12" aria-hidden="true">
        <path d="M7 10V7a5 5 0 0 1 10 0v3h1a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1zm2 0h6V7a3 3 0 0 0-6 0z" fill="currentColor" />
      </svg>
      <span class="visually-hidden"> (verified)</span>
    </span>
  );
}

const localTime = (timeZone: string | null | undefined) => {
  if (!timeZone) return 'Unknown';
  try {
    return new Date().toLocaleTimeString([], { timeZone, hour: '2-digit', minute: '2-digit' }) + ` (${timeZone})`;
  } catch {
    return 'Unknown';
  }
};

export function VisitorDetails(props: { conversationId: string }) {
  const [panel] = createResource(() => props.conversationId, (id) => call(console.visitorPanel, { params: { id } }));
  return (
    <section class="visitor-panel" aria-label="Visitor">
      <Show when={panel()} fallback={<p class="empty">{panel.error ? (panel.error as Error).message : 'Loading…'}</p>}>
        {(p) => <Details panel={p()} />}
      </Show>
    </section>
  );
}

function Details(props: { panel: VisitorPanel }) {
  const site = watchSite(props.panel.siteId);
  onCleanup(site.close);
  // The site's socket knows where the visitor is now; the panel's answer covers a visitor who just left.
  const live = (): LiveVisitor | null => site.visitors[props.panel.visitorId] ?? props.panel.live;
  const browser = () => (live() ? describeBrowser(live()!.userAgent) : null);
  return (
    <dl>
      <dt>Name</dt>
      <dd>
        {props.panel.name}
        <Show when={props.panel.verified}>
          <Lock />
        </Show>
      </dd>
      <dt>Email</dt>
      <dd>
        {props.panel.email ?? 'Not given'}
        <Show when={props.panel.verified && props.panel.email}>
          <Lock />
        </Show>
      </dd>
      <For each={props.panel.answers}>
        {(a) => (
          <>
            <dt>{a.label}</dt>
            <dd>{a.value}</dd>
          </>
        )}
      </For>
      <dt>Current page</dt>
      <dd class="current-page">
        <Show when={live()?.url} fallback="Not on the site now">
          <a href={live()!.url} target="_blank" rel="noopener noreferrer">
            {live()!.title || live()!.url}
          </a>
        </Show>
      </dd>
      <dt>Pages seen</dt>
      <dd>
        <ol class="pages">
          <For each={live()?.pages ?? []}>{(page) => <li>{page.title || page.url}</li>}</For>
        </ol>
      </dd>
      <dt>Referrer</dt>
      <dd>{live()?.referrer || 'None'}</dd>
      <dt>Browser</dt>
      <dd>{browser() ? `${browser()!.browser} on ${browser()!.os}` : 'Unknown'}</dd>
      <dt>Language</dt>
      <dd>{live()?.language ?? 'Unknown'}</dd>
      <dt>Country</dt>
      <dd>{live()?.country ?? 'Unknown'}</dd>
      <dt>Local time</dt>
      <dd>{localTime(live()?.timeZone)}</dd>
      <dt>Visits</dt>
      <dd>{props.panel.visits}</dd>
    </dl>
  );
}
