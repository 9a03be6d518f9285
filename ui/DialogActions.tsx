/** The foot of a dialog form: Cancel, and the button that submits the form. */
export function DialogActions(props: { submit: string; onCancel(): void }) {
  return (
    <div class="dialog-actions">
      <button type="button" onClick={() => props.onCancel()}>
        Cancel
      </button>
      <button type="submit" class="accept">
        {props.submit}
      </button>
    </div>
  );
}
