/** Shown when no one can chat: a message that becomes a ticket, answered later by email. */
import { createSignal, Show } from 'solid-js';
import { formAction } from '../../ui/form-action';

export function OfflineForm(props: { reason: string; onSend(form: { name: string; email: string; message: string }): Promise<void> }) {
  const [sent, setSent] = createSignal(false);
  const { submit, busy, error } = formAction(async (form) => {
    await props.onSend({ name: String(form.get('name')), email: String(form.get('email')), message: String(form.get('message')) });
    setSent(true);
  });

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
