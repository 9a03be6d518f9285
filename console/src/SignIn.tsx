import { ErrorNote } from '../../ui/ErrorNote';
import { Field } from '../../ui/Field';
import { formAction } from '../../ui/form-action';
import type { AgentProfile } from '../../protocol/api';
import { auth } from '../../protocol/rest/auth';
import { call } from './api';

export function SignIn(props: { onSignedIn(agent: AgentProfile): void }) {
  const { submit, busy, error } = formAction(async (form) => {
    const { agent } = await call(auth.signIn, { body: { email: String(form.get('email')), password: String(form.get('password')) } });
    props.onSignedIn(agent);
  });

  return (
    <main class="sign-in">
      <form onSubmit={submit}>
        <h1>Parley</h1>
        <p>Sign in to answer chats.</p>
        <Field label="Email" name="email" type="email" autocomplete="username" required />
        <Field label="Password" name="password" type="password" autocomplete="current-password" required />
        <ErrorNote message={error()} />
        <button type="submit" disabled={busy()}>
          Sign in
        </button>
      </form>
    </main>
  );
}
