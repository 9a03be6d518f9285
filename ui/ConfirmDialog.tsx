/** A yes/no question that holds the focus until answered; Escape is "no". */
import { onMount } from 'solid-js';

export function ConfirmDialog(props: { title: string; text: string; confirm: string; cancel?: string; onConfirm(): void; onCancel(): void }) {
  let cancel: HTMLButtonElement | undefined;
  onMount(() => cancel?.focus());
  return (
    <div class="backdrop">
      <div
        class="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-label={props.title}
        onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}
      >
        <h2>{props.title}</h2>
        <p>{props.text}</p>
        <div class="dialog-actions">
          <button type="button" ref={cancel} onClick={() => props.onCancel()}>
            {props.cancel ?? 'Cancel'}
          </button>
          <button type="button" class="danger" onClick={() => props.onConfirm()}>
            {props.confirm}
          </button>
        </div>
      </div>
    </div>
  );
}
