/** What the script tag costs a page view: the loader and one status request, until the visitor reaches for the chat. */
import { expect, inject, it } from 'vitest';
import { useBrowser } from './browser';
import { visitorOnShop } from './people';

const base = inject('baseUrl');
const browser = useBrowser();

it('asks for nothing but the status until the visitor hovers the launcher; then the app loads', async () => {
  const context = await browser().newContext();
  const page = await context.newPage();
  const asked: string[] = [];
  page.on('request', (request) => asked.push(new URL(request.url()).pathname));
  await page.goto(`${base}/`);
  const launcher = page.getByRole('button', { name: 'Open chat' });
  await launcher.waitFor();
  await page.waitForTimeout(1000);
  expect(asked.filter((path) => path !== '/' && !path.startsWith('/favicon'))).toEqual(['/widget.js', '/api/visitor/sites/demo-shop/status']);
  expect(await page.evaluate(() => document.cookie)).toBe('');

  await Promise.all([page.waitForRequest((request) => request.url().endsWith('/widget-app.js')), launcher.hover()]);
  await context.close();
});

it('identify() before the app has loaded costs no request, and runs once it has', async () => {
  const { page } = await visitorOnShop(browser(), base);
  const launcher = page.getByRole('button', { name: 'Open chat' });
  await launcher.waitFor();
  const asked: string[] = [];
  page.on('request', (request) => asked.push(new URL(request.url()).pathname));
  const settled = page.evaluate(() =>
    (window as unknown as { Parley: { identify(i: object): Promise<void> } }).Parley.identify({ id: 'u1', hash: '0'.repeat(64) }).then(
      () => 'verified',
      () => 'refused',
    ),
  );
  await page.waitForTimeout(500);
  expect(asked).toEqual([]);
  await launcher.click();
  expect(await settled).toBe('refused');
  expect(asked).toContain('/api/visitor/identify');
});

it("keeps the page's styles out of the widget and its own styles out of the page", async () => {
  const { page } = await visitorOnShop(browser(), base);
  // A page with heavy-handed styles, and elements named like the widget's own.
  await page.addStyleTag({
    content: 'p, button, h2 { color: rgb(255, 0, 0) !important; font-family: serif !important; } .panel, .launcher { display: none !important; }',
  });
  await page.evaluate(() => {
    for (const name of ['panel', 'messages', 'launcher']) {
      const el = document.createElement('div');
      el.className = name;
      el.id = `page-${name}`;
      el.textContent = name;
      document.body.appendChild(el);
    }
  });
  await page.getByRole('button', { name: 'Open chat' }).click();
  const panel = page.getByRole('dialog');
  await panel.waitFor();
  const widgetColor = await panel.getByRole('heading').first().evaluate((el) => getComputedStyle(el).color);
  expect(widgetColor).not.toBe('rgb(255, 0, 0)');
  // The launcher and the panel's own Minimize button, both still shown.
  const shown = await page.getByRole('button', { name: 'Minimize chat' }).evaluateAll((els) => els.map((el) => getComputedStyle(el).display));
  expect(shown).toHaveLength(2);
  expect(shown).not.toContain('none');

  // The page's look-alikes get none of the widget's rules (no fixed position, no panel box).
  for (const name of ['panel', 'messages', 'launcher']) {
    const style = await page.locator(`#page-${name}`).evaluate((el) => ({ position: getComputedStyle(el).position, display: getComputedStyle(el).display }));
    expect(style, name).toEqual({ position: 'static', display: name === 'messages' ? 'block' : 'none' });
  }
});
