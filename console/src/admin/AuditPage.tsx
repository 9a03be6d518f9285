/** Who changed what, newest first; older entries a page at a time. */
import { createSignal, For, onMount, Show } from 'solid-js';
import type { AuditEntry } from '../../../protocol/admin-api';
import { ErrorNote } from '../../../ui/ErrorNote';
import { admin } from '../../../protocol/rest/admin';
import { call } from '../api';

const PAGE = 100;

export function AuditPage() {
  const [entries, setEntries] = createSignal<AuditEntry[]>([]);
  const [more, setMore] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const load = async () => {
    const last = entries().at(-1);
    try {
      const page = (await call(admin.audit, { query: last ? { before: String(last.createdAt) } : {} })).entries;
      setEntries((all) => [...all, ...page]);
      setMore(page.length === PAGE);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  onMount(load);
  return (
    <>
      <h2>Audit log</h2>
      <ErrorNote message={error()} />
      <table>
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            <th>Target</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          <For each={entries()}>
            {(entry) => (
              <tr>
                <td>{new Date(entry.createdAt).toLocaleString()}</td>
                <td>{entry.agentName ?? (entry.agentId ? entry.agentId : 'Parley (scheduled)')}</td>
                <td>{entry.action}</td>
                <td>{entry.target}</td>
                <td>
                  <code>{JSON.stringify(entry.detail)}</code>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={more()}>
        <button type="button" onClick={load}>
          Show older
        </button>
      </Show>
    </>
  );
}
