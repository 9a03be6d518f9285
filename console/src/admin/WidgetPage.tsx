/**
 * The widget configurator: looks, greeting, language, sound; proactive invitations; the script
 * tag. The preview is the real widget (the same script tag in a frame, marked `data-preview`),
 * showing the form's settings as the admin edits them, before any save: the console posts them
 * to the frame, whose loader shows them there only. Saving reloads it with what was saved (open
 * widgets also get that live over the site socket).
 */
import { createEffect, createMemo, createSignal, For, Index, on, onCleanup, Show } from 'solid-js';
import type { AdminSite } from '../../../protocol/admin-api';
import type { ProactiveRule, WidgetSettings } from '../../../protocol/chat';
import { ErrorNote } from '../../../ui/ErrorNote';
import { Field } from '../../../ui/Field';
import { formAction } from '../../../ui/form-action';
import { admin } from '../../../protocol/rest/admin';
import type { BodyOf } from '../../../protocol/rest/endpoint';
import { call } from '../api';
import { adminData, scriptTag } from './data';
import { checked, text } from './forms';
import { rows } from './rows';
import { SitePicker } from './SitePicker';

const LANGUAGES = { en: 'English', de: 'Deutsch', es: 'Español', fr: 'Français' } as const;

/** Edits reach the preview once the admin pauses, so typing does not redraw it at every key. */
const PREVIEW_DELAY_MS = 250;

/** The form's fields as widget settings: what Save sends, and what the preview shows before that. */
/** What Save widget sends (the selects offer only the values it takes), and what the preview shows. */
type WidgetBody = BodyOf<typeof admin.setWidget>;

const settingsOf = (form: FormData): WidgetBody => ({
  color: text(form, 'color'),
  title: text(form, 'title'),
  greeting: text(form, 'greeting'),
  position: text(form, 'position') as WidgetBody['position'],
  language: text(form, 'language') as WidgetBody['language'],
  showAgentPhoto: checked(form, 'showAgentPhoto'),
  showDepartment: checked(form, 'showDepartment'),
  soundOn: checked(form, 'soundOn'),
});

function Preview(props: { site: AdminSite; settings: WidgetSettings }) {
  let frame!: HTMLIFrameElement;
  // The page is written in the default language, so the widget speaks it here; on a site the
  // page's language and the visitor's browser come first. A memo: setting srcdoc, even to the
  // same page, reloads the frame, which only a new language needs.
  const page = createMemo(
    () =>
      `<!doctype html><html lang="${props.settings.language}"><head><meta charset="utf-8"><title>Preview</title></head><body style="font:14px system-ui;margin:16px;background:#fbf7f1"><p lang="en">Your page, with the widget as visitors see it.</p>${scriptTag(props.site.id, true)}</body></html>`,
  );
  const show = () => frame.contentWindow?.postMessage(props.settings, location.origin);
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(
      () => props.settings,
      () => {
        clearTimeout(timer);
        timer = setTimeout(show, PREVIEW_DELAY_MS);
      },
      { defer: true },
    ),
  );
  onCleanup(() => clearTimeout(timer));
  return <iframe ref={frame} class="widget-preview" title="Widget preview" srcdoc={page()} onLoad={show} />;
}

function WidgetForm(props: { site: AdminSite; onEdit(settings: WidgetSettings): void }) {
  const w = () => props.site.widget;
  const save = formAction(async (form) => {
    const { site } = await call(admin.setWidget, { params: { id: props.site.id }, body: settingsOf(form) });
    adminData.siteChanged(site);
  });
  return (
    <form
      class="card"
      onSubmit={save.submit}
      onInput={(e) => props.onEdit(settingsOf(new FormData(e.currentTarget)))}
      aria-label="Widget settings"
    >
      <div class="row">
        <Field label="Colour" name="color" type="color" value={w().color} />
        <Field label="Title" name="title" value={w().title} required maxLength={60} />
        <label>
          Launcher position
          <select name="position" value={w().position}>
            <option value="right">Bottom right</option>
            <option value="left">Bottom left</option>
          </select>
        </label>
        <label>
          Default language
          <select name="language" value={w().language}>
            <For each={Object.entries(LANGUAGES)}>{([code, name]) => <option value={code}>{name}</option>}</For>
          </select>
        </label>
      </div>
      <label>
        Greeting
        <textarea name="greeting" rows={2} maxLength={300} value={w().greeting} />
      </label>
      <label class="check">
        <input type="checkbox" name="showAgentPhoto" checked={w().showAgentPhoto} /> Show the agent's photo
      </label>
      <label class="check">
        <input type="checkbox" name="showDepartment" checked={w().showDepartment} /> Show the agent's department
      </label>
      <label class="check">
        <input type="checkbox" name="soundOn" checked={w().soundOn} /> Sound on by default
      </label>
      <ErrorNote message={save.error()} />
      <button type="submit" disabled={save.busy()}>
        Save widget
      </button>
    </form>
  );
}

/** A rule being edited: new ones have no id until saved. */
type RuleDraft = Omit<ProactiveRule, 'id'> & { id?: string };

function InvitationRules(props: { site: AdminSite }) {
  const { items: rules, edit, remove, add } = rows<RuleDraft>(props.site.proactiveRules);
  const [saved, setSaved] = createSignal(false);
  const save = formAction(async () => {
    setSaved(false);
    const { site } = await call(admin.setProactiveRules, { params: { id: props.site.id }, body: { rules: rules() } });
    adminData.siteChanged(site);
    setSaved(true);
  });
  return (
    <form class="card" onSubmit={save.submit} aria-label="Proactive invitations">
      <h3>Proactive invitations</h3>
      <p class="note">The widget invites a visitor by itself when all of a rule's conditions hold.</p>
      <Index each={rules()}>
        {(rule, i) => (
          <fieldset>
            <legend>Invitation {i + 1}</legend>
            <Field label="Invitation message" value={rule().message} required maxLength={300} onInput={(e) => edit(i, { message: e.currentTarget.value })} />
            <div class="row">
              <Field
                label="After seconds on the page"
                type="number"
                min={0}
                max={3600}
                value={rule().afterSeconds ?? ''}
                onInput={(e) => edit(i, { afterSeconds: e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value) })}
              />
              <Field label="Page URL pattern" placeholder="*/products/*" value={rule().urlPattern ?? ''} onInput={(e) => edit(i, { urlPattern: e.currentTarget.value || undefined })} />
              <label class="check">
                <input type="checkbox" checked={rule().returningOnly ?? false} onChange={(e) => edit(i, { returningOnly: e.currentTarget.checked || undefined })} /> Returning visitors only
              </label>
              <button type="button" onClick={() => remove(i)}>
                Remove invitation {i + 1}
              </button>
            </div>
          </fieldset>
        )}
      </Index>
      <div class="row">
        <button type="button" onClick={() => add({ message: '' })}>
          Add invitation
        </button>
        <button type="submit" disabled={save.busy()}>
          Save invitations
        </button>
      </div>
      <ErrorNote message={save.error()} />
      <Show when={saved()}>
        <p role="status">Invitations saved</p>
      </Show>
    </form>
  );
}

function SiteWidget(props: { site: AdminSite }) {
  // What the form shows, saved or not; the preview follows it.
  const [draft, setDraft] = createSignal(props.site.widget);
  return (
    <>
      <WidgetForm site={props.site} onEdit={(settings) => setDraft(settings)} />
      <p>The script tag to paste before the closing body tag of every page:</p>
      <pre>
        <code aria-label="Script tag">{scriptTag(props.site.id)}</code>
      </pre>
      <Preview site={props.site} settings={draft()} />
      <InvitationRules site={props.site} />
    </>
  );
}

export function WidgetPage() {
  // Keyed: a saved change replaces the site, which mounts a fresh form and preview with the new settings.
  return (
    <>
      <h2>Widget</h2>
      <SitePicker />
      <Show when={adminData.site()} keyed>
        {(site) => <SiteWidget site={site} />}
      </Show>
    </>
  );
}
