import { createSignal, Show } from 'solid-js';
import { ErrorNote } from '../../ui/ErrorNote';
import { Field } from '../../ui/Field';
import { formAction } from '../../ui/form-action';
import { Challenge } from '../../ui/Challenge';
import type { AgentProfile } from '../../protocol/api';
import { ApiFailure } from '../../protocol/client/rest-client';
import { auth } from '../../protocol/rest/auth';
import { call } from './api';

export function SignIn(props: { onSignedIn(agent: AgentProfile): void }) {
  // When the account is under attack the server asks for a Turnstile challenge; once passed, the form goes again.
  const [challenge, setChallenge] = createSignal<{ siteKey: string } | null>(null);
  let token: string | undefined;
  let form!: HTMLFormElement;
  const { submit, busy, error } = formAction(async (fields) => {
    const turnstileToken = token;
    token = undefined;
    setChallenge(null);
    try {
      const { agent } = await call(auth.signIn, { body: { email: String(fields.get('email')), password: String(fields.get('password')), turnstileToken } });
      props.onSignedIn(agent);
    } catch (err) {
      if (err instanceof ApiFailure && err.field === 'turnstileToken') {
        const { siteKey } = await call(auth.challenge);
        setChallenge(siteKey ? { siteKey } : null);
      }
      throw err;
    }
  });
  const solved = (solvedToken: string) => {
    token = solvedToken;
    form.requestSubmit();
  };

  return (
    <main class="sign-in">
      <form ref={form} onSubmit={submit}>
        <h1>Parley</h1>
        <p>Sign in to answer chats.</p>
        <Field label="Email" name="email" type="email" autocomplete="username" required />
        <Field label="Password" name="password" type="password" autocomplete="current-password" required />
        <ErrorNote message={error()} />
        <Show when={challenge()} keyed>
          {(c) => <Challenge siteKey={c.siteKey} onSolved={solved} onFailed={() => setChallenge(null)} />}
        </Show>
        <button type="submit" disabled={busy()}>
          Sign in
        </button>
      </form>
    </main>
  );
}
