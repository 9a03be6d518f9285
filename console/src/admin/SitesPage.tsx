/** Sites: name, allowed origins, chat on or off, identity secret (shown once), and the script tag. */
import { createSignal, For, Show } from 'solid-js';
import type { AdminSite } from '../../../protocol/admin-api';
import { ErrorNote } from '../../../ui/ErrorNote';
import { Field } from '../../../ui/Field';
import { formAction } from '../../../ui/form-action';
import { admin } from '../../../protocol/rest/admin';
import { call } from '../api';
import { adminData, scriptTag } from './data';
import { checked, list, text } from './forms';
import { ShownOnce } from './ShownOnce';

/** A secret is shown only in the answer that made it, so it is kept here until the page is left. */
const [shownSecret, setShownSecret] = createSignal<{ siteId: string; secret: string } | null>(null);

function SecretNote(props: { siteId: string }) {
  return (
    <Show when={shownSecret()?.siteId === props.siteId}>
      <ShownOnce intro="The new identity secret." label="Identity secret" value={shownSecret()!.secret} />
    </Show>
  );
}

function SiteEditor(props: { site: AdminSite }) {
  const s = () => props.site;
  const save = formAction(async (form) => {
    const { site } = await call(admin.updateSite, {
      params: { id: s().id },
      body: { name: text(form, 'name'), allowedOrigins: list(form, 'allowedOrigins'), chatEnabled: checked(form, 'chatEnabled'), underAttack: checked(form, 'underAttack') },
    });
    adminData.siteChanged(site);
  });
  const rotate = formAction(async () => {
    const { site, identitySecret } = await call(admin.rotateIdentitySecret, { params: { id: s().id } });
    adminData.siteChanged(site);
    setShownSecret({ siteId: site.id, secret: identitySecret });
  });
  return (
    <section aria-label={`Site ${s().name}`}>
      <form onSubmit={save.submit}>
        <Field label="Site name" name="name" value={s().name} required maxLength={80} />
        <label>
          Allowed origins (one a line)
          <textarea name="allowedOrigins" rows={3} placeholder="https://shop.example" value={s().allowedOrigins.join('\n')} />
        </label>
        <label class="check">
          <input type="checkbox" name="chatEnabled" checked={s().chatEnabled} /> Chat on (off: the widget does not show)
        </label>
        <label class="check">
          <input type="checkbox" name="underAttack" checked={s().underAttack} /> Under attack: visitors pass a Turnstile check before a chat or a message (needs the Turnstile keys)
        </label>
        <ErrorNote message={save.error()} />
        <button type="submit" disabled={save.busy()}>
          Save site
        </button>
      </form>
      <p>Put this line on every page of the site:</p>
      <pre>
        <code aria-label={`Script tag for ${s().name}`}>{scriptTag(s().id)}</code>
      </pre>
      <form onSubmit={rotate.submit} class="row">
        <p>Identity secret (for identify() hashes): {s().identitySecretSet ? 'set' : 'not set'}</p>
        <button type="submit" disabled={rotate.busy()}>
          {s().identitySecretSet ? 'Rotate identity secret' : 'Make identity secret'}
        </button>
        <ErrorNote message={rotate.error()} />
      </form>
      <SecretNote siteId={s().id} />
    </section>
  );
}

export function SitesPage() {
  const create = formAction(async (form) => {
    const { site, identitySecret } = await call(admin.createSite, { body: { name: text(form, 'name'), allowedOrigins: list(form, 'allowedOrigins') } });
    (document.getElementById('new-site') as HTMLFormElement).reset();
    setShownSecret({ siteId: site.id, secret: identitySecret });
    await adminData.refetchSites();
    void adminData.refetchQueues();
  });
  return (
    <>
      <h2>Sites</h2>
      <For each={adminData.sites()}>{(site) => <SiteEditor site={site} />}</For>
      <form class="card" id="new-site" onSubmit={create.submit} aria-label="New site">
        <h3>Add a site</h3>
        <Field label="New site name" name="name" required maxLength={80} />
        <label>
          New site's allowed origins (one a line)
          <textarea name="allowedOrigins" rows={2} placeholder="https://shop.example" />
        </label>
        <ErrorNote message={create.error()} />
        <div class="row">
          <button type="submit" disabled={create.busy()}>
            Add site
          </button>
        </div>
      </form>
    </>
  );
}
