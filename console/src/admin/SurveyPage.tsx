/** The pre-chat survey builder, and which answer routes a chat to which queue. */
import { createSignal, For, Index, Show } from 'solid-js';
import { rows } from './rows';
import type { AdminSite, RoutingRule } from '../../../protocol/admin-api';
import type { SurveyField } from '../../../protocol/chat';
import { ErrorNote } from '../../../ui/ErrorNote';
import { Field } from '../../../ui/Field';
import { formAction } from '../../../ui/form-action';
import { admin } from '../../../protocol/rest/admin';
import { call } from '../api';
import { adminData } from './data';
import { SitePicker } from './SitePicker';

const KINDS = { text: 'Text', email: 'Email', choice: 'Choice', account: 'Account number' } as const;

function SurveyEditor(props: { site: AdminSite }) {
  const fields = rows<SurveyField>(props.site.survey);
  const rules = rows<RoutingRule>(props.site.routingRules);
  const [saved, setSaved] = createSignal(false);
  const queues = () => adminData.queues()?.filter((q) => q.siteId === props.site.id) ?? [];
  const save = formAction(async () => {
    setSaved(false);
    const body = { fields: fields.items().map((f) => (f.kind === 'choice' ? f : { ...f, options: undefined })), rules: rules.items() };
    const { site } = await call(admin.setSurvey, { params: { id: props.site.id }, body });
    adminData.siteChanged(site);
    setSaved(true);
  });
  return (
    <form class="card" onSubmit={save.submit} aria-label="Pre-chat survey">
      <h3>Questions before the chat</h3>
      <Index each={fields.items()}>
        {(field, i) => (
          <fieldset>
            <legend>Question {i + 1}</legend>
            <div class="row">
              <Field label="Question" value={field().label} required maxLength={80} onInput={(e) => fields.edit(i, { label: e.currentTarget.value })} />
              <Field label="Answer key" value={field().name} required pattern="[a-z][a-z0-9_]*" title="lower case letters, digits and _" onInput={(e) => fields.edit(i, { name: e.currentTarget.value })} />
              <label>
                Kind
                <select value={field().kind} onChange={(e) => fields.edit(i, { kind: e.currentTarget.value as SurveyField['kind'] })}>
                  <For each={Object.entries(KINDS)}>{([kind, name]) => <option value={kind}>{name}</option>}</For>
                </select>
              </label>
              <label class="check">
                <input type="checkbox" checked={field().required} onChange={(e) => fields.edit(i, { required: e.currentTarget.checked })} /> Required
              </label>
            </div>
            <Show when={field().kind === 'choice'}>
              <Field
                label="Options (comma separated)"
                value={(field().options ?? []).join(', ')}
                onChange={(e) => fields.edit(i, { options: e.currentTarget.value.split(',').map((o) => o.trim()).filter(Boolean) })}
              />
            </Show>
            <button type="button" onClick={() => fields.remove(i)}>
              Remove question {i + 1}
            </button>
          </fieldset>
        )}
      </Index>
      <button type="button" onClick={() => fields.add({ name: `question_${fields.items().length + 1}`, label: '', kind: 'text', required: false })}>
        Add question
      </button>

      <h3>Routing</h3>
      <p class="note">The first rule whose answer matches sends the chat to its queue; with none, the site's first queue takes it.</p>
      <Index each={rules.items()}>
        {(rule, i) => (
          <fieldset>
            <legend>Rule {i + 1}</legend>
            <div class="row">
              <label>
                When the answer to
                <select value={rule().field} onChange={(e) => rules.edit(i, { field: e.currentTarget.value })}>
                  <For each={fields.items()}>{(f) => <option value={f.name}>{f.label || f.name}</option>}</For>
                  <option value="language">Visitor's language</option>
                </select>
              </label>
              <Field label="is" value={rule().value} required onInput={(e) => rules.edit(i, { value: e.currentTarget.value })} />
              <label>
                route to queue
                <select value={rule().queueId} onChange={(e) => rules.edit(i, { queueId: e.currentTarget.value })}>
                  <For each={queues()}>{(q) => <option value={q.id}>{q.name}</option>}</For>
                </select>
              </label>
              <button type="button" onClick={() => rules.remove(i)}>
                Remove rule {i + 1}
              </button>
            </div>
          </fieldset>
        )}
      </Index>
      <button type="button" onClick={() => rules.add({ field: fields.items()[0]?.name ?? 'language', value: '', queueId: queues()[0]?.id ?? '' })}>
        Add rule
      </button>
      <ErrorNote message={save.error()} />
      <Show when={saved()}>
        <p role="status">Survey saved</p>
      </Show>
      <button type="submit" disabled={save.busy()}>
        Save survey
      </button>
    </form>
  );
}

export function SurveyPage() {
  return (
    <>
      <h2>Pre-chat survey</h2>
      <SitePicker />
      <Show when={adminData.site()?.id} keyed>
        {(id) => <SurveyEditor site={adminData.sites()!.find((s) => s.id === id)!} />}
      </Show>
    </>
  );
}
