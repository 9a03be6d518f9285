/** Shown when no one can chat: a message that becomes a ticket, answered later by email. */
import { createSignal, Show } from 'solid-js';
import { ErrorNote } from '../../ui/ErrorNote';
import { Field } from '../../ui/Field';
import { formAction } from '../../ui/form-action';
import type { Translate } from './i18n';

export function OfflineForm(props: { reason: string; t: Translate; onSend(form: { name: string; email: string; message: string }): Promise<void> }) {
  const t = props.t;
  const [sent, setSent] = createSignal(false);
  const { submit, busy, error } = formAction(async (form) => {
    await props.onSend({ name: String(form.get('name')), email: String(form.get('email')), message: String(form.get('message')) });
    setSent(true);
  });

  return (
    <Show when={!sent()} fallback={<p class="greeting" role="status">{t('messageThanks')}</p>}>
      <form class="form" onSubmit={submit}>
        <p>
          {props.reason} {t('leaveMessage')}
        </p>
        <Field label={t('name')} name="name" required maxLength={80} autocomplete="name" />
        <Field label={t('email')} name="email" type="email" required autocomplete="email" />
        <label>
          {t('yourMessage')}
          <textarea name="message" required rows={4} maxLength={4000} />
        </label>
        <ErrorNote message={error()} />
        <button type="submit" class="primary" disabled={busy()}>
          {t('sendMessage')}
        </button>
      </form>
    </Show>
  );
}
