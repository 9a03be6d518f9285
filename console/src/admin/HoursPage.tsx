/** Business hours per site: one opening span a weekday, in the site's time zone; holidays; the closed message. */
import { createSignal, For, Show } from 'solid-js';
import type { AdminSite } from '../../../protocol/admin-api';
import type { BusinessHours } from '../../../protocol/chat';
import { ErrorNote } from '../../../ui/ErrorNote';
import { Field } from '../../../ui/Field';
import { formAction } from '../../../ui/form-action';
import { admin } from '../../../protocol/rest/admin';
import { call } from '../api';
import { adminData } from './data';
import { checked, list, text } from './forms';
import { SitePicker } from './SitePicker';

/** Listed Monday first, as people read a week; keys are the API's 0 (Sunday) to 6. */
const DAYS = [
  ['1', 'Monday'],
  ['2', 'Tuesday'],
  ['3', 'Wednesday'],
  ['4', 'Thursday'],
  ['5', 'Friday'],
  ['6', 'Saturday'],
  ['0', 'Sunday'],
] as const;

type DayKey = (typeof DAYS)[number][0];

function HoursEditor(props: { site: AdminSite }) {
  const hours = () => props.site.businessHours;
  const [saved, setSaved] = createSignal(false);
  const save = formAction(async (form) => {
    setSaved(false);
    const days: BusinessHours['days'] = {};
    for (const [key] of DAYS) {
      const from = text(form, `from-${key}`);
      const to = text(form, `to-${key}`);
      if (checked(form, `open-${key}`)) days[key] = [[from, to === '00:00' ? '24:00' : to]];
    }
    const next: BusinessHours | null = checked(form, 'always')
      ? null
      : { timeZone: text(form, 'timeZone'), days, holidays: list(form, 'holidays'), closedMessage: text(form, 'closedMessage') };
    const { site } = await call(admin.setBusinessHours, { params: { id: props.site.id }, body: { hours: next } });
    adminData.siteChanged(site);
    setSaved(true);
  });
  const span = (key: DayKey) => hours()?.days[key]?.[0];
  return (
    <form class="card" onSubmit={save.submit} aria-label="Business hours">
      <label class="check">
        <input type="checkbox" name="always" checked={hours() === null} /> Always open (no business hours)
      </label>
      <Field label="Time zone" name="timeZone" value={hours()?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone} placeholder="Europe/Oslo" />
      <fieldset>
        <legend>Opening hours</legend>
        <For each={DAYS}>
          {([key, day]) => (
            <div class="row">
              <label class="check">
                <input type="checkbox" name={`open-${key}`} checked={!!span(key)} aria-label={`Open on ${day}`} /> {day}
              </label>
              <Field label={`${day} opens`} name={`from-${key}`} type="time" value={span(key)?.[0] ?? '09:00'} />
              <Field label={`${day} closes`} name={`to-${key}`} type="time" value={span(key)?.[1] === '24:00' ? '00:00' : (span(key)?.[1] ?? '17:00')} />
            </div>
          )}
        </For>
      </fieldset>
      <label>
        Holidays (closed all day; one date a line, YYYY-MM-DD)
        <textarea name="holidays" rows={3} value={(hours()?.holidays ?? []).join('\n')} />
      </label>
      <label>
        Message outside hours
        <textarea name="closedMessage" rows={2} maxLength={500} value={hours()?.closedMessage ?? ''} />
      </label>
      <ErrorNote message={save.error()} />
      <Show when={saved()}>
        <p role="status">Business hours saved</p>
      </Show>
      <button type="submit" disabled={save.busy()}>
        Save business hours
      </button>
    </form>
  );
}

export function HoursPage() {
  return (
    <>
      <h2>Business hours</h2>
      <SitePicker />
      <Show when={adminData.site()?.id} keyed>
        {(id) => <HoursEditor site={adminData.sites()!.find((s) => s.id === id)!} />}
      </Show>
    </>
  );
}
