/** API tokens for the public API (/api/v1): made with a name and scopes, shown once, revoked; last use shown. */
import { createResource, createSignal, For, Show } from 'solid-js';
import { API_SCOPES, DEFAULT_TOKEN_RATE, type ApiToken } from '../../../protocol/public-api';
import { admin } from '../../../protocol/rest/admin';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { ErrorNote } from '../../../ui/ErrorNote';
import { Field } from '../../../ui/Field';
import { formAction } from '../../../ui/form-action';
import { call } from '../api';
import { Checkboxes } from './Checkboxes';
import { all, text } from './forms';
import { ShownOnce } from './ShownOnce';

const when = (at: number | null) => (at === null ? 'Never' : new Date(at).toLocaleString());

export function ApiTokensPage() {
  const [tokens, { refetch }] = createResource(async () => (await call(admin.apiTokens)).apiTokens);
  // A token is shown only in the answer that made it, so it is kept here until the page is left.
  const [shown, setShown] = createSignal<{ name: string; token: string } | null>(null);
  const [doomed, setDoomed] = createSignal<ApiToken | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  let addForm: HTMLFormElement | undefined;
  const add = formAction(async (form) => {
    const rate = text(form, 'ratePerMinute');
    const made = await call(admin.createApiToken, {
      body: { name: text(form, 'name'), scopes: all(form, 'scopes') as ApiToken['scopes'], ...(rate ? { ratePerMinute: Number(rate) } : {}) },
    });
    addForm?.reset();
    // The list first, so the token never shows above a list that does not have it yet.
    await refetch();
    setShown({ name: made.apiToken.name, token: made.token });
  });
  const revoke = async (token: ApiToken) => {
    setDoomed(null);
    setError(null);
    try {
      await call(admin.revokeApiToken, { params: { id: token.id } });
      void refetch();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <>
      <h2>API tokens</h2>
      <p class="note">
        Programs (your shop, a CRM) use the public API with a token: <code>Authorization: Bearer …</code>. Each token may do only what its scopes allow. The{' '}
        <a href="/api/v1/docs">API reference</a> lists every endpoint.
      </p>
      <Show when={shown()}>{(s) => <ShownOnce intro={`The token “${s().name}”.`} label="New API token" value={s().token} />}</Show>
      <Show when={tokens()?.length} fallback={<p class="note">No API tokens yet.</p>}>
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Token</th>
              <th scope="col">Scopes</th>
              <th scope="col">Per minute</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={tokens()}>
              {(token) => (
                <tr>
                  <td>{token.name}</td>
                  <td>
                    <code>{token.prefix}…</code>
                  </td>
                  <td>{token.scopes.join(', ')}</td>
                  <td>{token.ratePerMinute}</td>
                  <td>{when(token.lastUsedAt)}</td>
                  <td>
                    <button type="button" class="danger" aria-label={`Revoke token ${token.name}`} onClick={() => setDoomed(token)}>
                      Revoke
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <ErrorNote message={error()} />
      <form class="card" ref={addForm} onSubmit={add.submit} aria-label="New API token">
        <h3>New token</h3>
        <div class="row">
          <Field label="Name" name="name" maxLength={60} required placeholder="CRM sync" />
          <Field label="Requests per minute" name="ratePerMinute" type="number" min={1} max={6000} placeholder={String(DEFAULT_TOKEN_RATE)} />
        </div>
        <Checkboxes legend="Scopes" name="scopes" options={API_SCOPES} />
        <div class="row">
          <button type="submit" disabled={add.busy()}>
            Make token
          </button>
        </div>
        <ErrorNote message={add.error()} />
      </form>
      <Show when={doomed()}>
        {(token) => (
          <ConfirmDialog
            title={`Revoke the token ${token().name}?`}
            text="Programs using it are refused from now on. This cannot be undone."
            confirm="Revoke token"
            cancel="Keep it"
            onConfirm={() => void revoke(token())}
            onCancel={() => setDoomed(null)}
          />
        )}
      </Show>
    </>
  );
}
