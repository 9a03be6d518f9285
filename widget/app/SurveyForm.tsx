/** The admin's pre-chat questions; the answers route the chat and go to the agent. */
import { For, Match, Switch } from 'solid-js';
import type { SurveyField } from '../../protocol/chat';
import { checkAnswers } from '../../protocol/survey';
import { ErrorNote } from '../../ui/ErrorNote';
import { formAction } from '../../ui/form-action';
import type { Translate } from './i18n';

export function SurveyForm(props: { survey: SurveyField[]; t: Translate; onStart(answers: Record<string, string>): Promise<void> }) {
  const { submit, busy, error } = formAction(async (form) => {
    const answers: Record<string, string> = {};
    for (const field of props.survey) {
      const value = String(form.get(field.name) ?? '').trim();
      if (value) answers[field.name] = value;
    }
    // The same check the server makes, so the visitor hears of a mistake before anything is sent.
    const wrong = checkAnswers(props.survey, answers);
    if (wrong) throw new Error(wrong.message.replace(/^answers\.\w+: /, ''));
    await props.onStart(answers);
  });

  return (
    <form class="form" onSubmit={submit} novalidate>
      <For each={props.survey}>
        {(field) => {
          const label = `${field.label}${field.required ? '' : ` ${props.t('optional')}`}`;
          return (
            <label>
              {label}
              <Switch fallback={<input name={field.name} type={field.kind === 'email' ? 'email' : 'text'} required={field.required} maxLength={500} />}>
                <Match when={field.kind === 'choice'}>
                  <select name={field.name} required={field.required}>
                    <option value="" />
                    <For each={field.options ?? []}>{(option) => <option>{option}</option>}</For>
                  </select>
                </Match>
              </Switch>
            </label>
          );
        }}
      </For>
      <ErrorNote message={error()} />
      <button type="submit" class="primary" disabled={busy()}>
        {props.t('startChat')}
      </button>
    </form>
  );
}
