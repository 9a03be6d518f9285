/** The Turnstile challenge the widget and the console show when the server asks for one. */
import { cleanup, render } from '@solidjs/testing-library';
import { afterEach, expect, it } from 'vitest';
import { Challenge } from '../../ui/Challenge';

afterEach(cleanup);

it("loads Cloudflare's script only when shown, renders into the page, and hands back the token", async () => {
  expect(document.querySelector('script[src*="challenges.cloudflare.com"]')).toBeNull();
  const rendered: Array<{ container: HTMLElement; sitekey: string }> = [];
  const solved = new Promise<string>((resolve) => {
    render(() => <Challenge siteKey="site-key-1" onSolved={resolve} onFailed={() => resolve('failed')} />);
  });
  const script = document.querySelector<HTMLScriptElement>('script[src*="challenges.cloudflare.com"]')!;
  expect(script.src).toBe('https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit');
  (window as { turnstile?: unknown }).turnstile = {
    render(container: HTMLElement, options: { sitekey: string; callback(token: string): void }) {
      rendered.push({ container, sitekey: options.sitekey });
      options.callback('token-1');
      return 'widget-1';
    },
  };
  script.onload!(new Event('load'));
  expect(await solved).toBe('token-1');
  expect(rendered).toHaveLength(1);
  expect(rendered[0]!.sitekey).toBe('site-key-1');
  expect(rendered[0]!.container.isConnected).toBe(true);
});
