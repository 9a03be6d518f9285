/** A set of named choices as checkboxes under one legend, read back with `all(form, name)` (API token scopes, webhook events). */
import { For } from 'solid-js';

export function Checkboxes(props: { legend: string; name: string; options: readonly string[] }) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <div class="scope-grid">
        <For each={props.options}>
          {(option) => (
            <label class="check">
              <input type="checkbox" name={props.name} value={option} />
              <code>{option}</code>
            </label>
          )}
        </For>
      </div>
    </fieldset>
  );
}
