/**
 * A Cloudflare Turnstile challenge, shown when the server asks for one (a refusal whose `field` is
 * `turnstileToken`). Cloudflare's script is loaded the first time one is shown, not before: most
 * people never meet a challenge. The page's CSP must allow https://challenges.cloudflare.com for
 * scripts and frames.
 */
import { onMount } from 'solid-js';

interface TurnstileApi {
  render(container: HTMLElement, options: { sitekey: string; callback(token: string): void; 'error-callback'(): void }): string;
}

const SCRIPT = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';
let loading: Promise<TurnstileApi> | undefined;

function turnstileApi(): Promise<TurnstileApi> {
  const ready = () => (window as { turnstile?: TurnstileApi }).turnstile;
  return (loading ??= new Promise((resolve, reject) => {
    if (ready()) return resolve(ready()!);
    const script = document.createElement('script');
    script.src = SCRIPT;
    script.onload = () => (ready() ? resolve(ready()!) : reject(new Error('turnstile did not load')));
    script.onerror = () => {
      loading = undefined;
      reject(new Error('turnstile did not load'));
    };
    document.head.append(script);
  }));
}

/** The challenge, drawn once it is on the page; `onSolved` gets the token to send, `onFailed` when it cannot be had. */
export function Challenge(props: { siteKey: string; onSolved(token: string): void; onFailed(): void }) {
  let container!: HTMLDivElement;
  onMount(() => {
    turnstileApi().then(
      (api) => api.render(container, { sitekey: props.siteKey, callback: props.onSolved, 'error-callback': props.onFailed }),
      props.onFailed,
    );
  });
  return <div class="challenge" ref={container} />;
}
