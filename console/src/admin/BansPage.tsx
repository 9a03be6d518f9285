/** Banned visitors (banned from a chat in the workspace); lifting a ban lets them chat again. */
import { createResource, For, Show } from 'solid-js';
import { ErrorNote } from '../../../ui/ErrorNote';
import { formAction } from '../../../ui/form-action';
import { admin } from '../../../protocol/rest/admin';
import { call } from '../api';

export function BansPage() {
  const [bans, { refetch }] = createResource(async () => (await call(admin.bans)).bans);
  return (
    <>
      <h2>Bans</h2>
      <Show when={bans()?.length} fallback={<p class="note">No one is banned.</p>}>
        <table>
          <thead>
            <tr>
              <th>Visitor</th>
              <th>IP</th>
              <th>Site</th>
              <th>Reason</th>
              <th>Since</th>
              <th>
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={bans()}>
              {(ban) => {
                const lift = formAction(async () => {
                  await call(admin.liftBan, { params: { id: ban.id } });
                  void refetch();
                });
                return (
                  <tr>
                    <td>{ban.visitorId}</td>
                    <td>{ban.ip ?? '—'}</td>
                    <td>{ban.siteId}</td>
                    <td>{ban.reason || '—'}</td>
                    <td>{new Date(ban.createdAt).toLocaleString()}</td>
                    <td>
                      <form onSubmit={lift.submit}>
                        <button type="submit" aria-label={`Lift ban on ${ban.visitorId}`} disabled={lift.busy()}>
                          Lift ban
                        </button>
                        <ErrorNote message={lift.error()} />
                      </form>
                    </td>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
      </Show>
    </>
  );
}
