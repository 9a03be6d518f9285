/**
 * Gets the agent's attention when an offer or a message arrives while they look elsewhere (another
 * tab of the console, another window): a short chime, a desktop notification if they allowed it,
 * and the count in the page title.
 */
const TITLE = 'Parley';

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

export function alertAgent(title: string, body: string): void {
  chime();
  if ('Notification' in window && Notification.permission === 'granted' && document.visibilityState !== 'visible') {
    new Notification(title, { body, tag: 'parley' });
  }
}

/** "(3) Parley" while three things wait for the agent. */
export function showWaiting(count: number): void {
  document.title = count > 0 ? `(${count}) ${TITLE}` : TITLE;
}
