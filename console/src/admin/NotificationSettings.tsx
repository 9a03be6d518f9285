/**
 * The Account page's Notifications: push on this device (asks the browser's permission, then
 * subscribes), and which events come by push and by email, saved for the agent.
 */
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import {
  EMAIL_EVENTS,
  NOTIFICATION_EVENTS,
  type EmailEventKind,
  type NotificationEventKind,
  type NotificationPreferences,
} from '../../../protocol/notifications';
import { ErrorNote } from '../../../ui/ErrorNote';
import { console } from '../../../protocol/rest/console';
import { call } from '../api';
import { devicePush, turnOffPush, turnOnPush, type DevicePush } from '../push';

const EVENT_LABELS: Record<NotificationEventKind, string> = {
  offer: 'New chat offer',
  message: 'New message in my chats',
  ticket: 'New ticket',
  missed_chat: 'Missed chat',
  mention: 'Mention in a private note',
};

const DEVICE_TEXT: Record<DevicePush, string> = {
  on: 'Push is on for this device.',
  off: 'Push is off for this device.',
  blocked: 'Notifications are blocked for Parley in this browser; allow them in its site settings to turn push on.',
  unsupported: 'This browser cannot receive push notifications.',
};

const hasEmail = (kind: NotificationEventKind): kind is EmailEventKind => (EMAIL_EVENTS as readonly string[]).includes(kind);

export function NotificationSettings(props: { email: string }) {
  const [settings, { mutate, refetch }] = createResource(() => call(console.notifications));
  const [device, { refetch: recheckDevice }] = createResource(() => settings()?.push.publicKey, devicePush);
  const [choices, setChoices] = createStore<{ value: NotificationPreferences | null }>({ value: null });
  const [busy, setBusy] = createSignal(false);
  const [deviceError, setDeviceError] = createSignal<string | null>(null);
  const [saveError, setSaveError] = createSignal<string | null>(null);
  const [saved, setSaved] = createSignal(false);

  const current = () => choices.value ?? settings()?.preferences;
  /** Each part says its own error next to itself. */
  const run = async (setError: (message: string | null) => void, work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await work();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const toggleDevice = () =>
    run(setDeviceError, async () => {
      if (device() === 'on') await turnOffPush();
      else await turnOnPush(settings()!.push.publicKey);
      await Promise.all([refetch(), recheckDevice()]);
    });

  const toggle = (channel: 'push' | 'email', kind: NotificationEventKind, on: boolean) => {
    const base = structuredClone(unwrap(current())!);
    (base[channel] as Record<string, boolean>)[kind] = on;
    setChoices('value', base);
    setSaved(false);
  };

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    void run(setSaveError, async () => {
      const { preferences } = await call(console.setNotifications, { body: current()! });
      mutate({ ...settings()!, preferences });
      setChoices('value', null);
      setSaved(true);
    });
  };

  return (
    <section class="notification-settings" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">Notifications</h2>
      <Switch>
        <Match when={settings.error}>
          <ErrorNote message={(settings.error as Error).message} />
        </Match>
        <Match when={current()}>
          {(prefs) => (
            <>
              <div class="push-device">
                <p role="status">
                  {DEVICE_TEXT[device() ?? 'off']}
                  <Show when={settings()!.push.devices > 0}> Devices with push on: {settings()!.push.devices}.</Show>
                </p>
                <Show when={device() === 'on' || device() === 'off'}>
                  <button type="button" disabled={busy()} onClick={() => void toggleDevice()}>
                    {device() === 'on' ? 'Turn off push on this device' : 'Turn on push on this device'}
                  </button>
                </Show>
              </div>
              <ErrorNote message={deviceError()} />
              <form onSubmit={save} aria-label="Notification choices">
                <p class="hint">Push reaches the devices you turned it on for, even with the console closed. Email goes to {props.email}.</p>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Tell me of</th>
                      <th scope="col">Push</th>
                      <th scope="col">Email</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={NOTIFICATION_EVENTS}>
                      {(kind) => (
                        <tr>
                          <th scope="row">{EVENT_LABELS[kind]}</th>
                          <td>
                            <input
                              type="checkbox"
                              aria-label={`${EVENT_LABELS[kind]} by push`}
                              checked={prefs().push[kind]}
                              onChange={(e) => toggle('push', kind, e.currentTarget.checked)}
                            />
                          </td>
                          <td>
                            {hasEmail(kind) ? (
                              <input
                                type="checkbox"
                                aria-label={`${EVENT_LABELS[kind]} by email`}
                                checked={prefs().email[kind]}
                                onChange={(e) => toggle('email', kind, e.currentTarget.checked)}
                              />
                            ) : (
                              <span class="hint">
                                <span aria-hidden="true">—</span>
                                <span class="visually-hidden">No email for this</span>
                              </span>
                            )}
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
                <ErrorNote message={saveError()} />
                <Show when={saved()}>
                  <p role="status">Notification choices saved.</p>
                </Show>
                <button type="submit" disabled={busy()}>
                  Save notifications
                </button>
              </form>
            </>
          )}
        </Match>
        <Match when={true}>
          <p class="loading">Loading…</p>
        </Match>
      </Switch>
    </section>
  );
}
