/** An error the person must hear about at once: announced by screen readers as it appears. */
import { Show } from 'solid-js';

export function ErrorNote(props: { message: string | null | undefined }) {
  return (
    <Show when={props.message}>
      <p class="error" role="alert">
        {props.message}
      </p>
    </Show>
  );
}
