import { createSignal } from 'solid-js';

/**
 * A form's submit handler with the state every form shows: busy while the request runs, and the
 * error's message if it fails. `run` gets the form's fields.
 */
export function formAction(run: (fields: FormData) => Promise<void>) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await run(new FormData(event.currentTarget as HTMLFormElement));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { submit, busy, error };
}
