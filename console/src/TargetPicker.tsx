/** Chooses who a chat goes to (Transfer) or who joins it (Invite): an agent, or a queue. */
import { createResource, For, onMount, Show } from 'solid-js';
import { console } from '../../protocol/rest/console';
import { call } from './api';

export type Target = { agentId: string } | { queueId: string };

export function TargetPicker(props: { title: string; excludeAgentIds: string[]; onPick(target: Target): void; onCancel(): void }) {
  const [directory] = createResource(() => call(console.directory));
  let first: HTMLHeadingElement | undefined;
  onMount(() => first?.focus());
  const agents = () => directory()?.agents.filter((a) => !props.excludeAgentIds.includes(a.id)) ?? [];

  return (
    <div class="backdrop">
      <div class="dialog picker" role="dialog" aria-modal="true" aria-label={props.title} onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
        <h2 tabindex="-1" ref={first}>
          {props.title}
        </h2>
        <Show when={directory()} fallback={<p>Loading…</p>}>
          <h3>Agents</h3>
          <ul>
            <For each={agents()} fallback={<li class="empty">No other agents.</li>}>
              {(agent) => (
                <li>
                  <button type="button" onClick={() => props.onPick({ agentId: agent.id })}>
                    {agent.name}
                  </button>
                  <span class={`presence ${agent.status}`}>{agent.status}</span>
                </li>
              )}
            </For>
          </ul>
          <h3>Queues</h3>
          <ul>
            <For each={directory()!.queues}>
              {(queue) => (
                <li>
                  <button type="button" onClick={() => props.onPick({ queueId: queue.id })}>
                    {queue.name} queue
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <div class="dialog-actions">
          <button type="button" onClick={() => props.onCancel()}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
