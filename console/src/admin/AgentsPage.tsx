/** Agents: invite by email, then roles, queues, capacity, languages, profile, photo, password and deactivation. */
import { createSignal, For, Show } from 'solid-js';
import type { AdminAgent, InviteResponse } from '../../../protocol/admin-api';
import { AGENT_ROLES, type AgentRole } from '../../../protocol/chat';
import { failureOf } from '../../../protocol/client/rest-client';
import { admin } from '../../../protocol/rest/admin';
import { pathOf } from '../../../protocol/rest/endpoint';
import { ErrorNote } from '../../../ui/ErrorNote';
import { Field } from '../../../ui/Field';
import { formAction } from '../../../ui/form-action';
import { call } from '../api';
import { adminData } from './data';
import { all, checked, list, text } from './forms';
import { QueueChoices } from './QueueChoices';

const ROLE_NAMES = { admin: 'Admin', supervisor: 'Supervisor', agent: 'Agent' } as const;

function RoleSelect(props: { value: string }) {
  return (
    <label>
      Role
      <select name="role" value={props.value}>
        <For each={AGENT_ROLES}>{(r) => <option value={r}>{ROLE_NAMES[r]}</option>}</For>
      </select>
    </label>
  );
}

function InviteForm() {
  const [sent, setSent] = createSignal<(InviteResponse & { email: string }) | null>(null);
  const { submit, busy, error } = formAction(async (form) => {
    setSent(null);
    const email = text(form, 'email');
    const result = await call(admin.inviteAgent, { body: { email, name: text(form, 'name'), role: text(form, 'role') as AgentRole, queueIds: all(form, 'queueIds') } });
    setSent({ ...result, email });
  });
  return (
    <form class="card" onSubmit={submit} aria-label="Invite an agent">
      <h3>Invite an agent</h3>
      <div class="row">
        <Field label="Invite email" name="email" type="email" required />
        <Field label="Invite name" name="name" required maxLength={80} />
        <RoleSelect value="agent" />
      </div>
      <QueueChoices selected={[]} />
      <ErrorNote message={error()} />
      <button type="submit" disabled={busy()}>
        Send invitation
      </button>
      <Show when={sent()}>
        {(s) => (
          <div role="status">
            <p>
              Invitation {s().mail === 'sent' ? 'mailed' : 'recorded (mail is not set up, so pass the link on yourself)'} to {s().email}. The sign-up link
              works for 7 days:
            </p>
            <pre>
              <code aria-label="Sign-up link">{s().link}</code>
            </pre>
          </div>
        )}
      </Show>
    </form>
  );
}

function AgentEditor(props: { agent: AdminAgent; onDone(): void }) {
  const [saved, setSaved] = createSignal<string | null>(null);
  const agent = () => ({ id: props.agent.id });
  const done = (message: string) => {
    setSaved(message);
    void adminData.refetchAgents();
  };
  const save = formAction(async (form) => {
    await call(admin.updateAgent, {
      params: agent(),
      body: {
        name: text(form, 'name'),
        role: text(form, 'role') as AgentRole,
        department: text(form, 'department').trim() || null,
        capacity: Number(text(form, 'capacity')),
        awayAfterMinutes: Number(text(form, 'awayAfterMinutes')),
        primaryLanguage: text(form, 'primaryLanguage'),
        secondaryLanguages: list(form, 'secondaryLanguages'),
        queueIds: all(form, 'queueIds'),
        active: checked(form, 'active'),
      },
    });
    void adminData.refetchQueues();
    done('Saved');
  });
  const photo = formAction(async (form) => {
    const res = await fetch(pathOf(admin.setAgentPhoto, agent()), { method: 'PUT', body: form, credentials: 'same-origin' });
    if (!res.ok) throw failureOf(res.status, await res.json().catch(() => null), `Upload failed (${res.status})`);
    done('Photo saved');
  });
  const reset = formAction(async (form) => {
    await call(admin.resetPassword, { params: agent(), body: { password: text(form, 'password') } });
    done('Password reset; their sessions have ended');
  });
  const a = () => props.agent;
  return (
    <section aria-label={`Edit ${a().name}`}>
      <h3>{a().name}</h3>
      <form onSubmit={save.submit}>
        <div class="row">
          <Field label="Display name" name="name" value={a().name} required maxLength={80} />
          <RoleSelect value={a().role} />
          <Field label="Department" name="department" value={a().department ?? ''} maxLength={80} />
          <Field label="Capacity" name="capacity" type="number" min={1} max={6} value={a().capacity} required />
          <Field label="Away after idle (minutes)" name="awayAfterMinutes" type="number" min={1} max={240} value={a().awayAfterMinutes} required />
          <Field label="Primary language" name="primaryLanguage" value={a().primaryLanguage} required />
          <Field label="Secondary languages" name="secondaryLanguages" value={a().secondaryLanguages.join(', ')} placeholder="de, fr" />
        </div>
        <QueueChoices selected={a().queueIds} />
        <label class="check">
          <input type="checkbox" name="active" checked={a().active} /> Active (unticked: cannot sign in; signed out now)
        </label>
        <ErrorNote message={save.error()} />
        <button type="submit" disabled={save.busy()}>
          Save agent
        </button>
      </form>
      <form onSubmit={photo.submit} class="row">
        <Show when={a().hasPhoto}>
          <img src={`${pathOf(admin.agentPhoto, agent())}?v=${Date.now()}`} alt={`Photo of ${a().name}`} width="48" height="48" />
        </Show>
        <Field label="Photo (image, at most 2 MB)" name="photo" type="file" accept="image/png,image/jpeg,image/gif,image/webp" required />
        <button type="submit" disabled={photo.busy()}>
          Upload photo
        </button>
        <ErrorNote message={photo.error()} />
      </form>
      <form onSubmit={reset.submit} class="row">
        <Field label="New password" name="password" type="password" minLength={10} required autocomplete="new-password" />
        <button type="submit" disabled={reset.busy()}>
          Reset password
        </button>
        <ErrorNote message={reset.error()} />
      </form>
      <Show when={saved()}>
        <p role="status">{saved()}</p>
      </Show>
      <button type="button" onClick={() => props.onDone()}>
        Close
      </button>
    </section>
  );
}

export function AgentsPage() {
  const { agents, queues } = adminData;
  const [editing, setEditing] = createSignal<string | null>(null);
  const queueNames = (ids: string[]) => ids.map((id) => queues()?.find((q) => q.id === id)?.name ?? id).join(', ');
  return (
    <>
      <h2>Agents</h2>
      <InviteForm />
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Queues</th>
            <th>Capacity</th>
            <th>State</th>
            <th>
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={agents()}>
            {(agent) => (
              <tr>
                <td>{agent.name}</td>
                <td>{agent.email}</td>
                <td>{ROLE_NAMES[agent.role]}</td>
                <td>{queueNames(agent.queueIds)}</td>
                <td>{agent.capacity}</td>
                <td>{agent.active ? 'Active' : 'Deactivated'}</td>
                <td>
                  <button type="button" aria-label={`Edit ${agent.name}`} onClick={() => setEditing(agent.id)}>
                    Edit
                  </button>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={agents()?.find((a) => a.id === editing())}>
        {(agent) => <AgentEditor agent={agent()} onDone={() => setEditing(null)} />}
      </Show>
    </>
  );
}
