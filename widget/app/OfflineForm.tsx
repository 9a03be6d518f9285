/** Shown when no one can chat: a message that becomes a ticket, answered later by email. */
import { createSignal, Show } from 'solid-js';

export function OfflineForm(props: { reason: string; onSend(form: { name: string; email: string; message: string }): Promise<void> }) {
  const [sent, setSent] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      await props.onSend({ name: String(data.get('name')), email: String(data.get('email')), message: String(data.get('message')) });
      setSent(true);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Show when={!sent()} fallback={<p class="greeting" role="status">Thanks! We have your message and will reply by email.</p>}>
      <form class="offline-form" onSubmit={submit}>
        <p>{props.reason} Leave a message and we will reply by email.</p>
        <label>
          Name
          <input name="name" required maxLength={80} autocomplete="name" />
        </label>
        <label>
          Email
          <input name="email" type="email" required autocomplete="email" />
        </label>
        <label>
          Your message
          <textarea name="message" required rows={4} maxLength={4000} />
        </label>
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
        <button type="submit" disabled={busy()}>
          Send message
        </button>
      </form>
    </Show>
  );
}
