/** Which site a site page edits; shown only when there is more than one. */
import { For, Show } from 'solid-js';
import { adminData } from './data';

export function SitePicker() {
  const { sites, site, setSiteId } = adminData;
  return (
    <Show when={(sites()?.length ?? 0) > 1}>
      <label>
        Site
        <select value={site()?.id} onChange={(e) => setSiteId(e.currentTarget.value)}>
          <For each={sites()}>{(s) => <option value={s.id}>{s.name}</option>}</For>
        </select>
      </label>
    </Show>
  );
}
