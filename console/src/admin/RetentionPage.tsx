/** How long each site keeps ended conversations; the daily cron deletes older ones. */
import { createSignal, Index, Show } from 'solid-js';
import type { AdminSite } from '../../../protocol/admin-api';
import { ErrorNote } from '../../../ui/ErrorNote';
import { Field } from '../../../ui/Field';
import { formAction } from '../../../ui/form-action';
import { admin } from '../../../protocol/rest/admin';
import { call } from '../api';
import { adminData } from './data';
import { text } from './forms';

function RetentionForm(props: { site: AdminSite }) {
  const [saved, setSaved] = createSignal(false);
  const save = formAction(async (form) => {
    setSaved(false);
    const { site } = await call(admin.setRetention, { params: { id: props.site.id }, body: { retentionDays: Number(text(form, 'retentionDays')) } });
    adminData.siteChanged(site);
    setSaved(true);
  });
  return (
    <form class="card" onSubmit={save.submit} aria-label={`Retention for ${props.site.name}`}>
      <h3>{props.site.name}</h3>
      <div class="row">
        <Field label={`Keep ${props.site.name}'s conversations for (days, 0 = forever)`} name="retentionDays" type="number" min={0} max={3650} value={props.site.retentionDays} required />
        <button type="submit" disabled={save.busy()}>
          Save retention
        </button>
      </div>
      <ErrorNote message={save.error()} />
      <Show when={saved()}>
        <p role="status">Saved</p>
      </Show>
    </form>
  );
}

export function RetentionPage() {
  return (
    <>
      <h2>Retention</h2>
      <p class="note">
        Every night at 03:00 UTC, ended conversations older than this are deleted with their messages, files and live state. The audit log records how many.
      </p>
      {/* By place, not by object: a saved site comes back as a new object, and the form (with its "Saved") must stay. */}
      <Index each={adminData.sites()}>{(site) => <RetentionForm site={site()} />}</Index>
    </>
  );
}
