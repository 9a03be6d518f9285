/** What the agent learns of the visitor, live: the Visitor panel, Live visitors, the contact record, bans. */
import { expect, inject, it } from 'vitest';
import { DEFAULT_LIFECYCLE } from '../protocol/chat';
import { adminCall } from './admin-people';
import { useBrowser } from './browser';
import { acceptsOffer, agentSignsIn, conversation } from './people';
import { endsChat, rawVisitor } from './workspace-visitor';

const base = inject('baseUrl');
const browser = useBrowser();


it('shows the page the visitor is on in the Visitor panel, and follows them as they browse', async () => {
  const alice = await agentSignsIn(browser(), base, 'alice@example.com');
  const desk = alice.page;
  const visitor = await rawVisitor(browser(), base);
  await visitor.browse(`${base}/product.html`, 'Tea set — Demo shop', 'chatting');
  await visitor.startChat('Is this tea set dishwasher safe?');
  await acceptsOffer(desk);

  const panel = desk.getByRole('region', { name: 'Visitor', exact: true });
  await panel.getByRole('link', { name: 'Tea set — Demo shop' }).waitFor();
  expect(await panel.innerText()).toContain('https://search.example/?q=tea+set');
  expect(await panel.innerText()).toMatch(/Chrome \d+ on Linux/);
  expect(await panel.innerText()).toContain('Europe/Oslo');

  await visitor.browse(`${base}/`, 'Demo shop — Parley', 'chatting');
  await panel.getByRole('link', { name: 'Demo shop — Parley' }).waitFor();
  expect(await panel.getByRole('listitem').allInnerTexts()).toEqual(['Tea set — Demo shop', 'Demo shop — Parley']);
  await endsChat(desk);
});

it('lists live visitors as they come, move and go, and invites one to chat', async () => {
  const bob = await agentSignsIn(browser(), base, 'bob@example.com');
  const desk = bob.page;
  await desk.getByRole('button', { name: 'Live visitors' }).click();
  const view = desk.getByRole('region', { name: 'Live visitors' });
  await view.getByText('No one is on the site right now.').waitFor();

  const visitor = await rawVisitor(browser(), base);
  const code = `Visitor ${visitor.visitorId.slice(-4)}`;
  await visitor.browse(`${base}/`, 'Demo shop — Parley');
  const row = view.getByRole('row').filter({ has: desk.getByRole('rowheader', { name: code }) });
  await row.getByRole('link', { name: 'Demo shop — Parley' }).waitFor();
  expect(await row.innerText()).toContain('Browsing');

  // Writing in the widget is highlighted.
  await visitor.browse(`${base}/product.html`, 'Tea set — Demo shop', 'writing');
  await row.getByRole('link', { name: 'Tea set — Demo shop' }).waitFor();
  expect(await row.getAttribute('class')).toBe('highlight');

  await row.getByRole('button', { name: `Start chat with ${code}` }).click();
  const invite = desk.getByRole('dialog', { name: `Invite ${code} to chat` });
  await invite.getByLabel('Invitation').fill('Hello! Questions about the tea set?');
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  const frame = await visitor.waitForFrame('site', "f.type === 'invite'");
  expect(frame).toEqual({ type: 'invite', agentName: 'Bob', message: 'Hello! Questions about the tea set?' });

  await visitor.leaveSite();
  await row.waitFor({ state: 'detached' });
});

it('creates a contact from a chat, and opens it by account number when the next chat starts', async () => {
  const alice = await agentSignsIn(browser(), base, 'alice@example.com');
  const desk = alice.page;
  const first = await rawVisitor(browser(), base);
  await first.startChat('I would like to open an account');
  await acceptsOffer(desk);
  await conversation(desk).getByText('I would like to open an account').waitFor();
  await desk.getByRole('tab', { name: 'Contact' }).click();
  const contact = desk.getByRole('region', { name: 'Contact' });
  await contact.getByLabel('Name').fill('Kim Lee');
  await contact.getByLabel('Email').fill('kim@example.com');
  await contact.getByLabel('Account number').fill('C-1001');
  await contact.getByRole('button', { name: 'Create contact' }).click();
  await contact.getByRole('heading', { name: 'Kim Lee' }).waitFor();
  await contact.getByLabel('New note').fill('Wants the ash blue glaze');
  await contact.getByRole('button', { name: 'Add note' }).click();
  await contact.getByText('Wants the ash blue glaze').waitFor();
  await endsChat(desk);

  // Kim comes back and gives the account number before the chat: the record pops up on accept.
  const again = await rawVisitor(browser(), base);
  await again.startChat('Where is my order?', { account: 'C-1001' });
  await acceptsOffer(desk);
  await conversation(desk).getByText('Where is my order?').waitFor();
  await desk.getByRole('tab', { name: 'Contact', selected: true }).waitFor();
  const popped = desk.getByRole('region', { name: 'Contact' });
  await popped.getByRole('heading', { name: 'Kim Lee' }).waitFor();
  expect(await popped.innerText()).toContain('Wants the ash blue glaze');
  await endsChat(desk);
});

it("bans a visitor: their widget is told to close, the chat ends, and they cannot come back", async () => {
  const alice = await agentSignsIn(browser(), base, 'alice@example.com');
  const desk = alice.page;
  const visitor = await rawVisitor(browser(), base);
  await visitor.browse(`${base}/`, 'Demo shop — Parley', 'chatting');
  await visitor.startChat('spam spam spam');
  await acceptsOffer(desk);

  await desk.getByRole('button', { name: 'Ban visitor' }).click();
  const confirm = desk.getByRole('alertdialog', { name: 'Ban this visitor?' });
  await confirm.getByLabel('Reason').fill('Spam');
  await confirm.getByRole('button', { name: 'Ban', exact: true }).click();
  await visitor.waitForFrame('site', "f.type === 'banned'");
  await desk.getByText('This chat has ended').waitFor();
  await desk.getByText('Visitor banned; the chat has ended').waitFor();

  // The widget's site socket is refused from now on.
  const reopened = await visitor.page.evaluate(
    (token) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws/visitor/site?token=${token}`);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      }),
    await visitor.token(),
  );
  expect(reopened).toBe('refused');
});

it("emails the transcript and files a ticket; the History tab shows the visitor's earlier chat", async () => {
  const admin = await agentSignsIn(browser(), base, 'admin@example.com');
  // Ended chats are not reopened here, so the visitor's second chat is an earlier chat's sequel.
  await adminCall(admin.page, base, 'PUT', '/api/admin/sites/demo-shop/lifecycle', { ...DEFAULT_LIFECYCLE, reopenMinutes: 0 });
  try {
    const alice = await agentSignsIn(browser(), base, 'alice@example.com');
    const desk = alice.page;
    const visitor = await rawVisitor(browser(), base);
    await visitor.startChat('First question: do you gift wrap?');
    await acceptsOffer(desk);
    await desk.getByRole('textbox', { name: 'Message' }).fill('We do, for free.');
    await desk.getByRole('button', { name: 'Send', exact: true }).click();
    await visitor.waitForFrame('chat', "f.type === 'message' && f.message.text === 'We do, for free.'");

    // No email given: the console asks for one.
    await desk.getByRole('button', { name: 'Email transcript' }).click();
    const ask = desk.getByRole('dialog', { name: 'Email the transcript to' });
    await ask.getByLabel('Email address').fill('guest@example.com');
    await ask.getByRole('button', { name: 'Send transcript' }).click();
    // No mail service locally: the agent is told the mail was kept, not that it was sent.
    await desk.getByText('Transcript kept, not sent: no mail service is set up', { exact: false }).waitFor();
    await desk.getByRole('button', { name: 'Create ticket' }).click();
    await desk.getByText('Ticket created from this chat').waitFor();
    await endsChat(desk);

    // The mail is kept (no mail service locally) and readable in the console.
    await admin.page.getByRole('button', { name: 'Mails' }).click();
    const mails = admin.page.getByRole('region', { name: 'Mails' });
    await mails.getByText('to guest@example.com', { exact: false }).waitFor();
    expect(await mails.innerText()).toContain('Alice: We do, for free.');

    // The same visitor comes back past the reopen window (none, here), so a new chat starts: the
    // History tab has the first chat, read-only.
    await visitor.page.evaluate(() => (window as any).raw.sockets.chat.close());
    await visitor.startChat('Second question: how long is delivery?');
    await acceptsOffer(desk);
    await conversation(desk).getByText('Second question: how long is delivery?').waitFor();
    await desk.getByRole('tab', { name: 'History' }).click();
    await desk.getByRole('button', { name: /Alice/ }).click();
    await desk.getByRole('list', { name: /Earlier conversation/ }).getByText('We do, for free.').waitFor();
    await endsChat(desk);

    // Any earlier chat is found by its words in Search history.
    await desk.getByRole('button', { name: 'Search history' }).click();
    const search = desk.getByRole('region', { name: 'Search history' });
    await search.getByLabel('Words to find').fill('gift wrap');
    await search.getByRole('button', { name: 'Search', exact: true }).click();
    await search.getByText('First question: do you gift wrap?').waitFor();
    await search.getByRole('button', { name: /^Visitor / }).click();
    await search.getByRole('list', { name: /Earlier conversation/ }).getByText('We do, for free.').waitFor();
  } finally {
    await adminCall(admin.page, base, 'PUT', '/api/admin/sites/demo-shop/lifecycle', DEFAULT_LIFECYCLE);
  }
});
