/** Checkboxes for the queues an agent is in, grouped under one legend. */
import { For } from 'solid-js';
import { adminData } from './data';

export function QueueChoices(props: { selected: string[]; name?: string }) {
  const siteName = (id: string) => adminData.sites()?.find((s) => s.id === id)?.name ?? id;
  return (
    <fieldset>
      <legend>Queues</legend>
      <For each={adminData.queues()}>
        {(q) => (
          <label class="check">
            <input type="checkbox" name={props.name ?? 'queueIds'} value={q.id} checked={props.selected.includes(q.id)} />
            {q.name} ({siteName(q.siteId)})
          </label>
        )}
      </For>
    </fieldset>
  );
}
