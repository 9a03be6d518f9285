/** The sign-up link's page (`/console/join?token=…`): the invited person picks a name and password and is signed in. */
import type { AgentProfile } from '../../../protocol/api';
import { auth } from '../../../protocol/rest/auth';
import { ErrorNote } from '../../../ui/ErrorNote';
import { Field } from '../../../ui/Field';
import { formAction } from '../../../ui/form-action';
import { call } from '../api';
import { text } from './forms';

export const isJoinPage = () => location.pathname === '/console/join';

export function Join(props: { onJoined(agent: AgentProfile): void }) {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const { submit, busy, error } = formAction(async (form) => {
    const { agent } = await call(auth.join, { body: { token, name: text(form, 'name'), password: text(form, 'password') } });
    // The link is spent: the address bar should not keep it.
    history.replaceState(null, '', '/console/');
    props.onJoined(agent);
  });
  return (
    <main class="sign-in">
      <form onSubmit={submit}>
        <h1>Join Parley</h1>
        <p>You were invited to answer chats. Choose the name visitors see and your password.</p>
        <Field label="Your name" name="name" required maxLength={80} autocomplete="name" />
        <Field label="Password" name="password" type="password" required minLength={10} autocomplete="new-password" />
        <ErrorNote message={error()} />
        <button type="submit" disabled={busy()}>
          Join
        </button>
      </form>
    </main>
  );
}
