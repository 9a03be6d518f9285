/** First run: the setup token, the first admin account, and the site the widget will go on. */
import { createSignal, Show } from 'solid-js';
import type { AgentProfile, SetupResponse } from '../../protocol/api';
import { ErrorNote } from '../../ui/ErrorNote';
import { Field } from '../../ui/Field';
import { formAction } from '../../ui/form-action';
import { setup } from '../../protocol/rest/setup';
import { call } from './api';

export function Setup(props: { onDone(agent: AgentProfile): void }) {
  const [done, setDone] = createSignal<SetupResponse | null>(null);
  const { submit, busy, error } = formAction(async (form) => {
    const field = (name: string) => String(form.get(name));
    setDone(await call(setup.run, { body: { token: field('token'), name: field('name'), email: field('email'), password: field('password'), siteName: field('siteName') } }));
  });
  const snippet = () => `<script src="${location.origin}/widget.js" data-site="${done()!.site.id}" async></script>`;

  return (
    <main class="sign-in">
      <Show
        when={done()}
        fallback={
          <form onSubmit={submit}>
            <h1>Set up Parley</h1>
            <p>Create the first admin account. The setup token is the one you set with wrangler.</p>
            <Field label="Setup token" name="token" type="password" required autocomplete="off" />
            <Field label="Your name" name="name" required maxLength={80} autocomplete="name" />
            <Field label="Email" name="email" type="email" required autocomplete="username" />
            <Field label="Password" name="password" type="password" required minLength={10} autocomplete="new-password" />
            <Field label="Site name" name="siteName" required maxLength={80} placeholder="My shop" />
            <ErrorNote message={error()} />
            <button type="submit" disabled={busy()}>
              Create account
            </button>
          </form>
        }
      >
        {(result) => (
          <div class="setup-done" role="status">
            <h1>Parley is ready</h1>
            <p>Put this line on every page of {result().site.name}, just before the closing body tag:</p>
            <pre>
              <code>{snippet()}</code>
            </pre>
            <button type="button" onClick={() => props.onDone(result().agent)}>
              Continue
            </button>
          </div>
        )}
      </Show>
    </main>
  );
}
