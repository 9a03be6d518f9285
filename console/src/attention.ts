/**
 * Gets the agent's attention when an offer or a message arrives while they look elsewhere (another
 * tab of the console, another window): a short chime unless they muted it, a desktop notification
 * if they allowed it, and the count in the page title.
 */
import { createSignal } from 'solid-js';

const TITLE = 'Parley';
/** This device's choice: a shared office may want silence, a home desk the chime. */
const MUTED_KEY = 'parley:console:chime-muted';

const [muted, setMutedSignal] = createSignal(localStorage.getItem(MUTED_KEY) === '1');

export const chimeMuted = muted;

export function setChimeMuted(value: boolean): void {
  localStorage.setItem(MUTED_KEY, value ? '1' : '0');
  setMutedSignal(value);
}

let audio: AudioContext | null = null;

function chime(): void {
  try {
    audio ??= new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.4);
  } catch {
    // No audio output (or not allowed before a click): the title and notification still tell.
  }
}

/** Asks once, on a click, since browsers only allow the prompt after a user gesture. */
export function askForNotifications(): void {
  if ('Notification' in window && Notification.permission === 'default') void Notification.requestPermission();
}

/**
 * `tag` names the thing (`offer:<chat>`, `chat:<chat>`) as the Worker's pushes do, so a push for
 * the same offer replaces this notification instead of showing a second one.
 */
export function alertAgent(title: string, body: string, tag: string): void {
  if (!muted()) chime();
  if ('Notification' in window && Notification.permission === 'granted' && document.visibilityState !== 'visible') {
    new Notification(title, { body, tag });
  }
}

/** "(3) Parley" while three things wait for the agent. */
export function showWaiting(count: number): void {
  document.title = count > 0 ? `(${count}) ${TITLE}` : TITLE;
}
