/** Any agent's own account: notifications, and changing the password (signs out their other sessions). */
import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import type { AgentProfile } from '../../../protocol/api';
import { ErrorNote } from '../../../ui/ErrorNote';
import { Field } from '../../../ui/Field';
import { formAction } from '../../../ui/form-action';
import { text } from './forms';
import { auth } from '../../../protocol/rest/auth';
import { call } from '../api';
import { NotificationSettings } from './NotificationSettings';
import './admin.css';

export function Account(props: { agent: AgentProfile }) {
  const [done, setDone] = createSignal(false);
  const { submit, busy, error } = formAction(async (form) => {
    setDone(false);
    await call(auth.changePassword, { body: { current: text(form, 'current'), password: text(form, 'password') } });
    setDone(true);
  });
  return (
    <div class="admin account">
      <header class="topbar">
        <h1>Your account</h1>
        <span class="who">
          {props.agent.name} ({props.agent.email})
        </span>
        <A href="/">Chats</A>
      </header>
      <main class="admin-page">
        <NotificationSettings email={props.agent.email} />
        <form class="card" onSubmit={submit} aria-label="Change password">
          <h2>Change password</h2>
          <Field label="Current password" name="current" type="password" required autocomplete="current-password" />
          <Field label="New password" name="password" type="password" required minLength={10} autocomplete="new-password" />
          <ErrorNote message={error()} />
          <Show when={done()}>
            <p role="status">Password changed. Your other sessions have been signed out.</p>
          </Show>
          <button type="submit" disabled={busy()}>
            Change password
          </button>
        </form>
      </main>
    </div>
  );
}
