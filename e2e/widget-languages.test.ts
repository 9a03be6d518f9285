/** The widget speaks the page's language (en, de, es, fr), and reads right to left on RTL pages. */
import { expect, inject, it } from 'vitest';
import { useBrowser } from './browser';
import { acceptsOffer, agentSignsIn, conversation, newContext } from './people';
import { chatIsOver } from './visitor-steps';

const base = inject('baseUrl');
const browser = useBrowser();

/**
 * The demo shop as if its page were written in `lang`: set as the parser makes the <html> element,
 * since the widget's script is async and may run before the page would change it later.
 */
async function shopIn(lang: string) {
  const context = await newContext(browser());
  const page = await context.newPage();
  await page.addInitScript((lang) => {
    const html = new MutationObserver(() => {
      if (!document.documentElement) return;
      document.documentElement.lang = lang;
      html.disconnect();
    });
    html.observe(document, { childList: true });
  }, lang);
  await page.goto(`${base}/`);
  return { page };
}

it('speaks German on a German page, launcher included', async () => {
  const { page } = await shopIn('de');
  await page.getByRole('button', { name: 'Chat öffnen' }).click();
  await page.getByRole('textbox', { name: 'Nachricht' }).waitFor();
  await page.getByRole('button', { name: 'Töne stummschalten' }).waitFor();
  await page.getByRole('button', { name: 'Chat minimieren' }).first().waitFor();
});

it('reads right to left on an Arabic page, in the browser’s language since the widget has no Arabic', async () => {
  const { page } = await shopIn('ar');
  await page.getByRole('button', { name: 'Open chat' }).click();
  const dialog = page.getByRole('dialog', { name: 'Chat with us' });
  await dialog.waitFor();
  expect(await dialog.evaluate((panel) => getComputedStyle(panel).direction)).toBe('rtl');
});

it('words system lines in German for a German visitor, while the agent reads them in English', async () => {
  const agent = await agentSignsIn(browser(), base, 'alice@example.com');
  const { page } = await shopIn('de');
  await page.getByRole('button', { name: 'Chat öffnen' }).click();
  await page.getByRole('textbox', { name: 'Nachricht' }).fill('Wo ist mein Paket?');
  await page.getByRole('button', { name: 'Senden' }).click();
  await acceptsOffer(agent.page);
  await conversation(page).getByText('Alice ist dem Chat beigetreten').waitFor();
  await conversation(agent.page).getByText('Alice joined the chat').waitFor();
  await chatIsOver(page, agent.page);
  await conversation(page).getByText(/ hat den Chat beendet$/).waitFor();
});
