/** Shown when no one can chat: a message that becomes a ticket, answered later by email. */
import { createSignal, Show } from 'solid-js';
import { ErrorNote } from '../../ui/ErrorNote';
import { Field } from '../../ui/Field';
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
        <Field label="Name" name="name" required maxLength={80} autocomplete="name" />
        <Field label="Email" name="email" type="email" required autocomplete="email" />
        <label>
          Your message
          <textarea name="message" required rows={4} maxLength={4000} />
        </label>
        <ErrorNote message={error()} />
        <button type="submit" disabled={busy()}>
          Send message
        </button>
      </form>
    </Show>
  );
}
