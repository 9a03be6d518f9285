/** A modal form: its title names it, Escape or Cancel leaves it, the submit button sends it. */
import type { JSX } from 'solid-js';

export function FormDialog(props: { title: string; submit: string; onSubmit(): void; onCancel(): void; class?: string; children: JSX.Element }) {
  return (
    <div class="backdrop">
      {/* The dialog role on a wrapper: a <form> may not take it. */}
      <div
        class={`dialog${props.class ? ` ${props.class}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            props.onSubmit();
          }}
        >
          <h2>{props.title}</h2>
          {props.children}
          <div class="dialog-actions">
            <button type="button" onClick={() => props.onCancel()}>
              Cancel
            </button>
            <button type="submit" class="accept">
              {props.submit}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
