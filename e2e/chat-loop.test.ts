import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser';

const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const conversation = (page: Page) => page.getByRole('log');

it('carries a chat from the widget on the shop page to an agent in the console and back', async () => {
  // The visitor opens the widget on the demo shop and writes.
  const shop = await (await browser.newContext()).newPage();
  await shop.goto(`${base}/`);
  await shop.getByRole('button', { name: 'Open chat' }).click();
  await shop.getByRole('textbox', { name: 'Message' }).fill('Hello! Is the tea set <b>in stock</b>?');
  await shop.getByRole('button', { name: 'Send' }).click();
  const question = conversation(shop).getByText('Hello! Is the tea set <b>in stock</b>?');
  await question.waitFor();
  await shop.getByText('Sending…').waitFor({ state: 'detached' });

  // An agent signs in, is online, and accepts the offered chat.
  const desk = await (await browser.newContext()).newPage();
  await desk.goto(`${base}/console/`);
  await desk.getByLabel('Email').fill('alice@example.com');
  await desk.getByLabel('Password').fill('parley-demo');
  await desk.getByRole('button', { name: 'Sign in' }).click();
  const accept = desk.getByRole('button', { name: 'Accept' });
  await accept.waitFor();
  expect(await desk.getByLabel('Status').inputValue()).toBe('online');
  await accept.click();

  // The visitor's words arrive as text, markup and all, not as HTML.
  await conversation(desk).getByText('Hello! Is the tea set <b>in stock</b>?').waitFor();
  expect(await conversation(desk).locator('b').count()).toBe(0);
  await shop.getByText('Alice joined the chat').waitFor();
  // Alice has the chat open, so the visitor sees their message as read.
  await conversation(shop).getByRole('listitem').filter({ hasText: 'in stock' }).getByText('Read').waitFor();

  await desk.getByRole('textbox', { name: 'Message' }).fill('It is! Shall I reserve one for you?');
  await desk.getByRole('button', { name: 'Send' }).click();
  await conversation(shop).getByText('It is! Shall I reserve one for you?').waitFor();

  // After a reload the visitor finds the same conversation.
  await shop.reload();
  await shop.getByRole('button', { name: 'Open chat' }).click();
  const restored = conversation(shop);
  await restored.getByText('It is! Shall I reserve one for you?').waitFor();
  const lines = (await restored.getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
  expect(lines).toEqual([
    'Hello! Is the tea set <b>in stock</b>? Read',
    'Alice joined the chat',
    'Alice It is! Shall I reserve one for you?',
  ]);

  // And the conversation goes on, live, after the reload.
  await shop.getByRole('textbox', { name: 'Message' }).fill('Yes please!');
  await shop.getByRole('button', { name: 'Send' }).click();
  await conversation(desk).getByText('Yes please!').waitFor();
});

it('refuses a wrong password in the console with a message', async () => {
  const desk = await (await browser.newContext()).newPage();
  await desk.goto(`${base}/console/`);
  await desk.getByLabel('Email').fill('bob@example.com');
  await desk.getByLabel('Password').fill('not-the-password');
  await desk.getByRole('button', { name: 'Sign in' }).click();
  expect(await desk.getByRole('alert').innerText()).toBe('Email or password is wrong');
});
