/** Beside the chat: the visitor, their contact record (opened first when one matches), their history. */
import { createSignal, For, Match, Switch } from 'solid-js';
import { ContactPanel } from './ContactPanel';
import { HistoryPanel } from './HistoryPanel';
import { moveBetweenTabs } from './tab-keys';
import { VisitorDetails } from './VisitorDetails';

const TABS = ['Visitor', 'Contact', 'History'] as const;
type Tab = (typeof TABS)[number];

export function SidePanel(props: { conversationId: string }) {
  const [tab, setTab] = createSignal<Tab>('Visitor');
  // The contact loads with the chat even while another tab shows, so a match can pop up.
  const [contactShown, setContactShown] = createSignal(false);
  return (
    <aside class="side-panel">
      <div role="tablist" aria-label="About the visitor" class="side-tabs" onKeyDown={moveBetweenTabs}>
        <For each={TABS}>
          {(name) => (
            <button type="button" role="tab" aria-selected={tab() === name} onClick={() => setTab(name)}>
              {name}
            </button>
          )}
        </For>
      </div>
      <div role="tabpanel" aria-label={tab()}>
        <Switch>
          <Match when={tab() === 'Visitor'}>
            <VisitorDetails conversationId={props.conversationId} />
          </Match>
          <Match when={tab() === 'History'}>
            <HistoryPanel conversationId={props.conversationId} />
          </Match>
        </Switch>
        <div hidden={tab() !== 'Contact'}>
          <ContactPanel
            conversationId={props.conversationId}
            onFound={(matched) => {
              if (matched && !contactShown()) setTab('Contact');
              setContactShown(true);
            }}
          />
        </div>
      </div>
    </aside>
  );
}
