/** "Live visitors": who is on the site now, where, since when; an agent can invite one to chat. */
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import type { LiveVisitor } from '../../protocol/site-frames';
import { ErrorNote } from '../../ui/ErrorNote';
import { console } from '../../protocol/rest/console';
import { call } from './api';
import { watchSite } from './live-site';
import { FormDialog } from '../../ui/FormDialog';

const STATE_LABELS: Record<LiveVisitor['state'], string> = { browsing: 'Browsing', writing: 'Writing', waiting: 'Waiting for an agent', chatting: 'Chatting' };

const minutes = (since: number, now: number) => {
  const m = Math.floor((now - since) / 60_000);
  return m < 1 ? 'under a minute' : `${m} min`;
};

export function LiveVisitors() {
  const [sites] = createResource(() => call(console.sites));
  return (
    <section class="live-visitors" aria-label="Live visitors">
      <h2>Live visitors</h2>
      <Show when={sites()} fallback={<p class="empty">Loading…</p>}>
        <For each={sites()!.sites}>{(site) => <SiteVisitors site={site} />}</For>
      </Show>
    </section>
  );
}

function SiteVisitors(props: { site: { id: string; name: string } }) {
  const live = watchSite(props.site.id);
  onCleanup(live.close);
  const [now, setNow] = createSignal(Date.now());
  const tick = setInterval(() => setNow(Date.now()), 15_000);
  onCleanup(() => clearInterval(tick));
  const [inviting, setInviting] = createSignal<LiveVisitor | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const visitors = () => Object.values(live.visitors).sort((a, b) => a.since - b.since);

  const invite = async (visitor: LiveVisitor, message: string) => {
    setError(null);
    try {
      await call(console.inviteVisitor, { params: { siteId: props.site.id, visitorId: visitor.visitorId }, body: { message } });
      setInviting(null);
      setNotice(`Invitation sent to ${visitor.name}`);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <div class="site-visitors">
      <h3>{props.site.name}</h3>
      <Show when={notice()}>
        <p role="status">{notice()}</p>
      </Show>
      <ErrorNote message={error()} />
      <table>
        <thead>
          <tr>
            <th scope="col">Visitor</th>
            <th scope="col">Page</th>
            <th scope="col">Language</th>
            <th scope="col">On site</th>
            <th scope="col">State</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={visitors()} fallback={<tr><td colSpan={6} class="empty">No one is on the site right now.</td></tr>}>
            {(v) => (
              <tr class={v.state === 'waiting' || v.state === 'writing' ? 'highlight' : ''}>
                <th scope="row">{v.name}</th>
                <td>
                  <a href={v.url} target="_blank" rel="noopener noreferrer">
                    {v.title || v.url}
                  </a>
                </td>
                <td>{v.language ?? '—'}</td>
                <td>{minutes(v.since, now())}</td>
                <td>{STATE_LABELS[v.state]}</td>
                <td>
                  <button type="button" aria-label={`Start chat with ${v.name}`} onClick={() => setInviting(v)}>
                    Start chat
                  </button>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={inviting()}>{(v) => <InviteDialog visitor={v()} onSend={(m) => invite(v(), m)} onCancel={() => setInviting(null)} />}</Show>
    </div>
  );
}

function InviteDialog(props: { visitor: LiveVisitor; onSend(message: string): Promise<void>; onCancel(): void }) {
  const [message, setMessage] = createSignal('Hi! Can I help you find anything?');
  return (
    <FormDialog title={`Invite ${props.visitor.name} to chat`} submit="Send invitation" onSubmit={() => void props.onSend(message())} onCancel={() => props.onCancel()}>
      <label>
        Invitation
        <textarea rows={3} maxLength={500} value={message()} onInput={(e) => setMessage(e.currentTarget.value)} />
      </label>
    </FormDialog>
  );
}
