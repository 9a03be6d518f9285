/**
 * A desk that runs itself, in real browsers: a visitor closes the page mid-chat, the chat ends by
 * itself and leaves the agent's tabs, and the freed capacity takes the next visitor.
 */
import { afterEach, inject, it } from 'vitest';
import { DEFAULT_LIFECYCLE } from '../protocol/chat';
import { adminAt, adminCall } from './admin-people';
import { useBrowser } from './browser';
import { agentSignsIn, visitorOnShop, visitorWrites, type Person } from './people';

const base = inject('baseUrl');
const browser = useBrowser();

/** The demo shop and Alice are put back, since the other browser tests share them. */
let admin: Person | undefined;
afterEach(async () => {
  if (!admin) return;
  await adminCall(admin.page, base, 'PUT', '/api/admin/sites/demo-shop/lifecycle', DEFAULT_LIFECYCLE);
  await adminCall(admin.page, base, 'PATCH', '/api/admin/agents/agent-alice', { capacity: 3 });
  admin = undefined;
});

/** Accepts the offer of the chat that began with `words`, whatever else is offered. */
async function accepts(agent: Person, words: string): Promise<void> {
  await agent.page.getByRole('article').filter({ hasText: words }).getByRole('button', { name: 'Accept' }).click();
}

it('ends a chat whose visitor left, takes it out of the agent’s tabs, and gives the freed place to the next visitor', async () => {
  // The shortest wait an owner can set, from the Chat lifecycle page; and room for one chat only.
  admin = await adminAt(browser(), base, 'Chat lifecycle');
  const form = admin.page.getByRole('form', { name: 'Chat lifecycle for Demo shop' });
  await form.getByLabel('End a chat when the visitor has been gone for (minutes)').fill('1');
  await form.getByRole('button', { name: 'Save lifecycle' }).click();
  await form.getByRole('status').getByText('Saved').waitFor();
  const alice = await agentSignsIn(browser(), base, 'alice@example.com');
  // Room for exactly one more chat than Alice has open (other tests' chats may still be going).
  const inbox = (await (await alice.page.request.get(`${base}/api/console/inbox`)).json()) as { chats: Array<{ status: string }> };
  const open = inbox.chats.filter((c) => c.status !== 'ended' && c.status !== 'missed').length;
  await adminCall(admin.page, base, 'PATCH', '/api/admin/agents/agent-alice', { capacity: open + 1 });

  const first = await visitorOnShop(browser(), base);
  await first.page.getByRole('button', { name: 'Open chat' }).click();
  await visitorWrites(first.page, 'Is the blue jug back in stock?');
  await accepts(alice, 'Is the blue jug back in stock?');
  await first.page.getByText('Alice joined the chat').waitFor();
  const tab = alice.page.getByRole('tablist', { name: 'Open chats' }).getByRole('tab', { selected: true });
  await tab.waitFor();
  const tabName = await tab.innerText();

  // The visitor leaves the shop and does not come back: a minute later the chat ends by itself.
  await first.page.goto('about:blank');
  await alice.page.getByRole('tablist', { name: 'Open chats' }).getByRole('tab', { name: tabName }).waitFor({ state: 'detached', timeout: 90_000 });

  const second = await visitorOnShop(browser(), base);
  await second.page.getByRole('button', { name: 'Open chat' }).click();
  await visitorWrites(second.page, 'Can you post a vase to Bergen?');
  await accepts(alice, 'Can you post a vase to Bergen?');
  await second.page.getByText('Alice joined the chat').waitFor();
}, 150_000);
