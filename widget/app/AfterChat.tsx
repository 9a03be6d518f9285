/** Once the chat has ended: a rating (1 to 5, with a comment) and the transcript by email. */
import { createSignal, For, Show } from 'solid-js';
import { ErrorNote } from '../../ui/ErrorNote';
import { Field } from '../../ui/Field';
import { formAction } from '../../ui/form-action';
import type { Translate } from './i18n';

export function AfterChat(props: {
  t: Translate;
  email: string;
  onRate(rating: number, comment: string): Promise<void>;
  onTranscript(email: string): Promise<void>;
}) {
  const t = props.t;
  const [rated, setRated] = createSignal(false);
  const [mailedTo, setMailedTo] = createSignal<string | null>(null);
  const rating = formAction(async (form) => {
    await props.onRate(Number(form.get('rating')), String(form.get('comment') ?? '').trim());
    setRated(true);
  });
  const transcript = formAction(async (form) => {
    const email = String(form.get('email')).trim();
    await props.onTranscript(email);
    setMailedTo(email);
  });

  return (
    <div class="after">
      <Show when={!rated()} fallback={<p role="status">{t('ratingThanks')}</p>}>
        <form class="form" onSubmit={rating.submit}>
          <fieldset class="stars">
            <legend>{t('rateTitle')}</legend>
            <For each={[1, 2, 3, 4, 5]}>
              {(n) => (
                <label>
                  <input type="radio" name="rating" value={n} required aria-label={t('stars', { n })} />
                  <span aria-hidden="true">★</span>
                </label>
              )}
            </For>
          </fieldset>
          <label>
            {t('comment')}
            <textarea name="comment" rows={2} maxLength={4000} />
          </label>
          <ErrorNote message={rating.error()} />
          <button type="submit" class="primary" disabled={rating.busy()}>
            {t('sendRating')}
          </button>
        </form>
      </Show>
      <Show when={!mailedTo()} fallback={<p role="status">{t('transcriptSent', { email: mailedTo()! })}</p>}>
        <form class="form" onSubmit={transcript.submit}>
          <Field label={t('email')} name="email" type="email" required autocomplete="email" value={props.email} />
          <ErrorNote message={transcript.error()} />
          <button type="submit" disabled={transcript.busy()}>
            {t('transcript')}
          </button>
        </form>
      </Show>
    </div>
  );
}
