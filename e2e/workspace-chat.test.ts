/** The agent's composer tools in a real browser: predefined messages, offers, files, cards. */
import { expect, inject, it } from 'vitest';
import { useBrowser } from './browser';
import { acceptsOffer, agentSignsIn, conversation } from './people';
import { endsChat, rawVisitor } from './workspace-visitor';

const base = inject('baseUrl');
const browser = useBrowser();

async function aliceTakesAChat(first: string) {
  const alice = await agentSignsIn(browser(), base, 'alice@example.com');
  const visitor = await rawVisitor(browser(), base);
  await visitor.startChat(first);
  await acceptsOffer(alice.page);
  await conversation(alice.page).getByText(first).waitFor();
  return { desk: alice.page, visitor };
}


it('puts a predefined message in the composer, by "/" or the Predefined button, to edit and send', async () => {
  const { desk, visitor } = await aliceTakesAChat('How long does shipping take?');
  const composer = desk.getByRole('textbox', { name: 'Message' });

  // "/" in an empty composer lists them; typing narrows the list; Enter takes the first.
  await composer.press('/');
  const picker = desk.getByRole('dialog', { name: 'Predefined messages' });
  expect(await picker.getByRole('button').allInnerTexts()).toEqual(['Greeting', 'Shipping times']);
  await picker.getByLabel('Find').fill('ship');
  await picker.getByLabel('Find').press('Enter');
  await picker.waitFor({ state: 'detached' });
  expect(await composer.inputValue()).toBe('We ship within 2 working days; delivery across Europe takes 3 to 5 days.');
  await composer.press('End');
  await composer.pressSequentially(' To Norway too.');
  await composer.press('Enter');
  await visitor.waitForFrame('chat', "f.type === 'message' && f.message.text === 'We ship within 2 working days; delivery across Europe takes 3 to 5 days. To Norway too.'");

  await desk.getByRole('button', { name: 'Predefined' }).click();
  await desk.getByRole('dialog', { name: 'Predefined messages' }).getByRole('button', { name: 'Greeting' }).click();
  expect(await composer.inputValue()).toBe('Hi! Thanks for reaching out. How can I help you today?');
  await desk.getByRole('button', { name: 'Send', exact: true }).click();
  await visitor.waitForFrame('chat', "f.type === 'message' && f.message.text.startsWith('Hi! Thanks for reaching out.')");
  await endsChat(desk);
});

it("sends an offer of choices and shows the visitor's pick as the answer to it", async () => {
  const { desk, visitor } = await aliceTakesAChat('Do you have the tea set in other colours?');
  await desk.getByRole('button', { name: 'Offer' }).click();
  const offer = desk.getByRole('dialog', { name: 'Offer choices' });
  // Too few choices is refused before anything is sent.
  await offer.getByLabel('Question').fill('Which colour would you like?');
  await offer.getByLabel('Choice 1').fill('White');
  await offer.getByRole('button', { name: 'Send offer' }).click();
  expect(await offer.getByRole('alert').innerText()).toBe('Give at least 2 choices.');
  await offer.getByLabel('Choice 2').fill('Ash blue');
  await offer.getByRole('button', { name: 'Add choice' }).click();
  await offer.getByLabel('Choice 3').fill('Green');
  await offer.getByRole('button', { name: 'Send offer' }).click();

  const asked = await visitor.waitForFrame('chat', "f.type === 'message' && f.message.choices");
  expect(asked.message).toMatchObject({ text: 'Which colour would you like?', choices: ['White', 'Ash blue', 'Green'] });
  const question = conversation(desk).getByRole('listitem').filter({ hasText: 'Which colour would you like?' }).first();
  const offered = question.getByRole('list', { name: 'Choices offered' });
  await offered.waitFor();
  expect(await offered.getByRole('listitem').allInnerTexts()).toEqual(['White', 'Ash blue', 'Green']);

  await visitor.say('Ash blue', { replyTo: asked.message.seq });
  const reply = conversation(desk).getByRole('listitem').filter({ hasText: 'Answer to: Which colour would you like?' });
  await reply.waitFor();
  expect(await reply.innerText()).toContain('Ash blue');
  await endsChat(desk);
});

it('keeps a private file among the agents and sends a public one to the visitor', async () => {
  const { desk, visitor } = await aliceTakesAChat('Can you show me the packaging?');
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const attach = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
    const [chooser] = await Promise.all([desk.waitForEvent('filechooser'), desk.getByRole('button', { name: 'Attach file' }).click()]);
    await chooser.setFiles(file);
  };

  // A wrong kind of file is refused at once, with the reason.
  await attach({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
  expect(await desk.getByRole('alert').innerText()).toContain('setup.exe: only text, PDF and images');

  await desk.getByRole('button', { name: 'Private' }).click();
  await attach({ name: 'internal-label.png', mimeType: 'image/png', buffer: png });
  const preview = conversation(desk).getByRole('img', { name: 'internal-label.png' });
  await preview.waitFor();
  const fileId = (await preview.getAttribute('src'))!.split('/').pop()!;
  expect(await conversation(desk).getByRole('listitem').filter({ has: desk.getByRole('img', { name: 'internal-label.png' }) }).getByText('Private').count()).toBe(1);

  await desk.getByRole('button', { name: 'Private' }).click();
  await attach({ name: 'packaging.png', mimeType: 'image/png', buffer: png });
  const sent = await visitor.waitForFrame('chat', "f.type === 'message' && f.message.attachments");
  expect(sent.message.attachments.map((a: { name: string }) => a.name)).toEqual(['packaging.png']);

  // The visitor never got the private one, and cannot fetch it with their token.
  const names = await visitor.page.evaluate(() => JSON.stringify((window as any).raw.frames.chat));
  expect(names).not.toContain('internal-label.png');
  const status = await visitor.page.evaluate(async (id) => (await fetch(`/api/files/${id}?token=${(window as any).raw.token}`)).status, fileId);
  expect(status).toBe(404);
  await endsChat(desk);
});

it('turns a pasted product link into a card with title, image and price', async () => {
  const { desk, visitor } = await aliceTakesAChat('Which tea set do you mean?');
  const composer = desk.getByRole('textbox', { name: 'Message' });
  await composer.focus();
  await desk.evaluate((url) => {
    const data = new DataTransfer();
    data.setData('text/plain', url);
    document.querySelector('textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, `${base}/product.html`);
  const draft = desk.getByRole('group', { name: 'Link card' });
  await draft.getByText('Tea set in speckled white').waitFor();
  expect(await draft.getByText('120.00 EUR').count()).toBe(1);
  await draft.getByRole('button', { name: 'Send card' }).click();
  const card = await visitor.waitForFrame('chat', "f.type === 'message' && f.message.card");
  expect(card.message.card).toMatchObject({ title: 'Tea set in speckled white', price: '120.00 EUR', image: `${base}/tea-set.svg` });
  await conversation(desk).getByRole('link', { name: /Tea set in speckled white/ }).waitFor();
  await endsChat(desk);
});

it('keeps each chat in its own tab with an unread count, and counts in the page title', async () => {
  const { desk, visitor: first } = await aliceTakesAChat('First chat here');
  const second = await rawVisitor(browser(), base);
  await second.startChat('Second chat here');
  await acceptsOffer(desk);
  await conversation(desk).getByText('Second chat here').waitFor();
  const firstCode = `Visitor ${first.visitorId.slice(-4)}`;
  const secondCode = `Visitor ${second.visitorId.slice(-4)}`;
  expect(await desk.getByRole('tab', { name: secondCode }).getAttribute('aria-selected')).toBe('true');

  // A message in the chat the agent is not looking at.
  await first.say('Are you still there?');
  await desk.getByRole('tab', { name: `${firstCode} 1 unread` }).waitFor();
  expect(await desk.title()).toBe('(1) Parley');
  await second.say('And me?');
  await conversation(desk).getByText('And me?').waitFor();
  expect(await desk.title()).toBe('(1) Parley');

  // Opening the tab (by keyboard: arrows move between tabs) reads it; each chat has its own address.
  await desk.getByRole('tab', { name: secondCode }).focus();
  await desk.keyboard.press('ArrowUp');
  await conversation(desk).getByText('Are you still there?').waitFor();
  await desk.getByRole('tab', { name: firstCode, exact: true }).waitFor();
  expect(await desk.title()).toBe('Parley');
  expect(new URL(desk.url()).pathname).toMatch(/^\/console\/chats\/[0-9A-Z]{26}$/);
  await endsChat(desk);
  await desk.getByRole('tab', { name: secondCode }).click();
  await endsChat(desk);
});

it('tells an agent who looks elsewhere about an offer with a desktop notification', async () => {
  const alice = await agentSignsIn(browser(), base, 'alice@example.com');
  const desk = alice.page;
  // The desktop's notification centre is outside the app: record what reaches it, and let the
  // test say when the console is hidden behind another window.
  await desk.evaluate(() => {
    const w = window as any;
    w.notes = [];
    w.hidden = false;
    Object.defineProperty(Document.prototype, 'visibilityState', { get: () => (w.hidden ? 'hidden' : 'visible') });
    w.Notification = class {
      static permission = 'granted';
      constructor(title: string, options: { body: string }) {
        w.notes.push({ title, body: options.body });
      }
    };
  });
  await desk.evaluate(() => ((window as any).hidden = true));
  const visitor = await rawVisitor(browser(), base);
  await visitor.startChat('Anyone there?');
  await desk.waitForFunction(() => (window as any).notes.length > 0);
  expect(await desk.evaluate(() => (window as any).notes)).toEqual([{ title: `Chat request from Visitor ${visitor.visitorId.slice(-4)}`, body: 'Anyone there?' }]);
  expect(await desk.title()).toBe('(1) Parley');
  await desk.evaluate(() => ((window as any).hidden = false));
  await acceptsOffer(desk);
  await endsChat(desk);
});
