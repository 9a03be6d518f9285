/** The widget during and after a chat: offer buttons, cards, attachments with previews, End chat and rating. */
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { useBrowser } from './browser';
import { acceptsOffer, agentSignsIn, conversation, visitorOnShop, visitorWrites } from './people';
import { chatIsOver, conversationId } from './visitor-steps';

const base = inject('baseUrl');
const browser = useBrowser();

async function chatWithAlice() {
  const agent = await agentSignsIn(browser(), base, 'alice@example.com');
  const visitor = await visitorOnShop(browser(), base);
  await visitor.page.getByRole('button', { name: 'Open chat' }).click();
  await visitorWrites(visitor.page, 'I need help choosing');
  await acceptsOffer(agent.page);
  await visitor.page.getByText('Alice joined the chat').waitFor();
  return { agent, visitor };
}

/** The agent's side of the wire, from their signed-in console page: a frame the console has no form for yet. */
async function agentSends(agent: Page, visitor: Page, message: Record<string, unknown>) {
  const id = await conversationId(visitor);
  await agent.evaluate(
    ({ id, message }) =>
      new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(`${location.origin.replace('http', 'ws')}/ws/agent/conversations/${id}`);
        ws.onopen = () => {
          ws.send(JSON.stringify({ type: 'hello', after: 0 }));
          ws.send(JSON.stringify({ type: 'message', clientId: crypto.randomUUID().replaceAll('-', '').slice(0, 26).toUpperCase(), ...message }));
        };
        ws.onmessage = (e) => {
          if (JSON.parse(e.data).type === 'ack') resolve(ws.close());
        };
        ws.onerror = () => reject(new Error('socket failed'));
      }),
    { id, message },
  );
}

it('shows an offer as buttons and sends the choice as the answer; shows a product card', async () => {
  const { agent, visitor } = await chatWithAlice();
  const shop = visitor.page;
  await agentSends(agent.page, shop, { text: 'Which size?', choices: ['Small', 'Large'] });
  await shop.getByRole('button', { name: 'Large', exact: true }).click();
  // The agent's log shows the offer's buttons and then the visitor's answer.
  await expect.poll(() => conversation(agent.page).getByText('Large', { exact: true }).count(), { timeout: 10_000 }).toBe(2);
  await expect.poll(() => shop.getByRole('button', { name: 'Small', exact: true }).isDisabled(), { timeout: 10_000 }).toBe(true);

  await agentSends(agent.page, shop, { text: 'This one?', card: { url: 'https://shop.example/mug', title: 'Stoneware mug', price: '€24' } });
  const card = shop.getByRole('link', { name: /Stoneware mug/ });
  await card.waitFor();
  expect(await card.getAttribute('target')).toBe('_blank');
  expect(await card.getAttribute('rel')).toContain('noopener');
  expect(await card.innerText()).toContain('€24');
  await chatIsOver(shop, agent.page);
});

it('uploads a picture with the message and previews it; refuses a wrong file type at once', async () => {
  const { agent, visitor } = await chatWithAlice();
  const shop = visitor.page;
  const picker = shop.locator('input[type=file]');
  await picker.setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
  await shop.getByRole('alert').getByText('setup.exe: only text, PDF and images can be sent').waitFor();
  await shop.getByRole('button', { name: 'Remove setup.exe' }).click();

  // A 1×1 PNG.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  await picker.setInputFiles({ name: 'crack.png', mimeType: 'image/png', buffer: png });
  await shop.getByRole('textbox', { name: 'Message' }).fill('The crack is here');
  await shop.getByRole('button', { name: 'Send' }).click();
  const preview = conversation(shop).getByRole('img', { name: 'crack.png' });
  await preview.waitFor();
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 10_000 }).toBe(1);
  expect(await preview.getAttribute('src')).toMatch(/^blob:/);
  await chatIsOver(shop, agent.page);
});

it('sends a file with the very first message, before the chat has started', async () => {
  const agent = await agentSignsIn(browser(), base, 'alice@example.com');
  const { page: shop } = await visitorOnShop(browser(), base);
  await shop.getByRole('button', { name: 'Open chat' }).click();
  await shop.locator('input[type=file]').setInputFiles({ name: 'order.txt', mimeType: 'text/plain', buffer: Buffer.from('Order 1042') });
  await visitorWrites(shop, 'My order confirmation');
  await conversation(shop).getByRole('link', { name: 'order.txt' }).waitFor();
  await acceptsOffer(agent.page);
  await chatIsOver(shop, agent.page);
});

it('ends the chat after a confirmation, then takes a rating and mails the transcript', async () => {
  const { agent, visitor } = await chatWithAlice();
  const shop = visitor.page;
  const id = (await conversationId(shop))!;
  await shop.getByRole('button', { name: 'End chat' }).click();
  const dialog = shop.getByRole('alertdialog', { name: 'End this chat?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await shop.getByRole('button', { name: 'End chat' }).click();
  await dialog.getByRole('button', { name: 'End chat' }).click();

  await shop.getByRole('group', { name: 'How was this chat?' }).waitFor();
  await shop.getByRole('radio', { name: '4 of 5' }).check();
  await shop.getByRole('textbox', { name: 'Comment' }).fill('Helpful');
  await shop.getByRole('button', { name: 'Send rating' }).click();
  await shop.getByText('Thank you for your rating!').waitFor();

  await shop.getByRole('textbox', { name: 'Email' }).fill('visitor@example.org');
  await shop.getByRole('button', { name: 'Email me the transcript' }).click();
  await shop.getByText('Transcript sent to visitor@example.org').waitFor();
  await chatIsOver(shop, agent.page, id);
});
