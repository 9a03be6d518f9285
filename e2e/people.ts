/** The two people in every browser test: a visitor on the demo shop and an agent at the console. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { tokenKey } from '../widget/contract';

export const conversation = (page: Page) => page.getByRole('log');

export interface Person {
  context: BrowserContext;
  page: Page;
}

const open = new Set<BrowserContext>();

/** A fresh browser profile; waits fail after 15 s with the locator named, well inside a test's time. */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  open.add(context);
  context.on('close', () => open.delete(context));
  return context;
}

/**
 * Everyone leaves after each test, passed or failed: an agent left signed in would take the
 * next test's chats, and a visitor's chat left going would keep a place of the agents' capacity
 * and its offer in the queue. So each visitor ends their chat first, as the widget's End chat does.
 */
export async function everyoneLeaves(): Promise<void> {
  const pages = [...open].flatMap((context) => context.pages());
  await Promise.all(pages.map((page) => page.evaluate(endVisitorChats, tokenKey('*')).catch((error: Error) => console.warn(`a visitor's chat was not ended: ${error.message}`))));
  // Leaving the page closes its sockets as a browser does; wrangler dev's proxy would keep the
  // sockets of a closed context open, and an agent who seems connected is offered the next chat.
  await Promise.all(pages.map((page) => page.goto('about:blank').catch(() => undefined)));
  await Promise.all([...open].map((context) => context.close()));
}

/** What every open page showed when a test failed, for the log: its address and accessibility tree. */
export async function whatEveryoneSaw(): Promise<string> {
  const pages = [...open].flatMap((context) => context.pages());
  const seen = await Promise.all(pages.map(async (page) => `${page.url()}\n${(await page.locator('body').ariaSnapshot({ timeout: 2000 }).catch(() => '(no snapshot)')).slice(0, 3000)}`));
  return seen.join('\n\n');
}

/** Runs in the page: ends the chat of every visitor token this origin keeps (none on about:blank). */
async function endVisitorChats(keyOfAnySite: string): Promise<void> {
  if (!location.protocol.startsWith('http')) return;
  const [prefix = '', suffix = ''] = keyOfAnySite.split('*');
  const tokens = Object.keys(localStorage)
    .filter((key) => key.startsWith(prefix) && key.endsWith(suffix))
    .map((key) => localStorage.getItem(key));
  await Promise.all(
    tokens.map((token) => fetch('/api/visitor/conversation/end', { method: 'POST', headers: { Authorization: `Bearer ${token}` } })),
  );
}

export async function visitorOnShop(browser: Browser, base: string): Promise<Person> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${base}/`);
  return { context, page };
}

export async function visitorWrites(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

export async function openConsole(browser: Browser, base: string): Promise<Person> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${base}/console/`);
  return { context, page };
}

export async function signIn(page: Page, email: string, password = 'parley-demo'): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs an agent in and waits for their console to be live, so they are online for visitors. */
export async function agentSignsIn(browser: Browser, base: string, email: string): Promise<Person> {
  const agent = await openConsole(browser, base);
  await signIn(agent.page, email);
  await agent.page.getByLabel('Status').and(agent.page.locator(':enabled')).waitFor();
  return agent;
}

/** Waits for the offer and accepts it; the agent is online by then. */
export async function acceptsOffer(agent: Page): Promise<void> {
  const accept = agent.getByRole('button', { name: 'Accept' });
  await accept.waitFor();
  expect(await agent.getByLabel('Status').inputValue()).toBe('online');
  await accept.click();
}

/** The conversation's lines as text, white space folded. */
export async function lines(page: Page): Promise<string[]> {
  return (await conversation(page).getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}
