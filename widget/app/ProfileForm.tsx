/** The visitor's name and email, which they may give or change at any time; prefilled by identify(). */
import { createSignal, Show } from 'solid-js';
import type { VisitorProfile } from '../../protocol/visitor-bodies';
import { ErrorNote } from '../../ui/ErrorNote';
import { Field } from '../../ui/Field';
import { formAction } from '../../ui/form-action';
import type { Translate } from './i18n';

export function ProfileForm(props: { profile: VisitorProfile | null; t: Translate; onSave(profile: { name?: string; email?: string }): Promise<void> }) {
  const [saved, setSaved] = createSignal(false);
  const { submit, busy, error } = formAction(async (form) => {
    setSaved(false);
    const name = String(form.get('name')).trim();
    const email = String(form.get('email')).trim();
    await props.onSave({ ...(name ? { name } : {}), ...(email ? { email } : {}) });
    setSaved(true);
  });
  return (
    <form class="form details" aria-label={props.t('yourDetails')} onSubmit={submit}>
      <Field label={props.t('name')} name="name" maxLength={80} autocomplete="name" value={props.profile?.name ?? ''} />
      <Field label={props.t('email')} name="email" type="email" autocomplete="email" value={props.profile?.email ?? ''} />
      <ErrorNote message={error()} />
      <button type="submit" class="primary" disabled={busy()}>
        {props.t('save')}
      </button>
      <Show when={saved()}>
        <p role="status">{props.t('saved')}</p>
      </Show>
    </form>
  );
}
