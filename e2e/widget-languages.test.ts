/** The widget speaks the page's language (en, de, es, fr), and reads right to left on RTL pages. */
import { expect, inject, it } from 'vitest';
import { useBrowser } from './browser';

const base = inject('baseUrl');
const browser = useBrowser();

/** The demo shop as if its page were in `lang`, set before any script runs. */
async function shopIn(lang: string) {
  const context = await browser().newContext();
  const page = await context.newPage();
  await page.addInitScript((lang) => document.addEventListener('readystatechange', () => (document.documentElement.lang = lang), { once: true }), lang);
  await page.goto(`${base}/`);
  return { context, page };
}

it('speaks German on a German page, launcher included', async () => {
  const { context, page } = await shopIn('de');
  await page.getByRole('button', { name: 'Chat öffnen' }).click();
  await page.getByRole('textbox', { name: 'Nachricht' }).waitFor();
  await page.getByRole('button', { name: 'Töne stummschalten' }).waitFor();
  await page.getByRole('button', { name: 'Chat minimieren' }).first().waitFor();
  await context.close();
});

it('reads right to left on an Arabic page, in the browser’s language since the widget has no Arabic', async () => {
  const { context, page } = await shopIn('ar');
  await page.getByRole('button', { name: 'Open chat' }).click();
  const dialog = page.getByRole('dialog', { name: 'Chat with us' });
  await dialog.waitFor();
  expect(await dialog.evaluate((panel) => getComputedStyle(panel).direction)).toBe('rtl');
  await context.close();
});
