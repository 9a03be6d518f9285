/** Parley.identify() from the page: a good hash verifies the visitor, a bad one is refused with a reason. */
import { createHmac } from 'node:crypto';
import { expect, inject, it } from 'vitest';
import { DEMO_IDENTITY_SECRET } from '../worker/demo/demo-data';
import { useBrowser } from './browser';
import { visitorOnShop } from './people';

const base = inject('baseUrl');
const browser = useBrowser();

type Identity = { id: string; name: string; email: string; hash: string };
const sign = (id: string, secret = DEMO_IDENTITY_SECRET) => createHmac('sha256', secret).update(id).digest('hex');

/** Calls identify() as the shop's own code would, and reports how its promise settled. */
const identify = (page: import('playwright-core').Page, identity: Identity) =>
  page.evaluate(
    (identity) =>
      (window as unknown as { Parley: { identify(i: Identity): Promise<void> } }).Parley.identify(identity).then(
        () => 'verified',
        (err: Error) => `refused: ${err.message}`,
      ),
    identity,
  );

it('a good hash verifies the visitor and fills in their details', async () => {
  const { page } = await visitorOnShop(browser(), base);
  await page.getByRole('button', { name: 'Open chat' }).waitFor();
  const settled = identify(page, { id: 'customer-7', name: 'Nora Berg', email: 'nora@example.org', hash: sign('customer-7') });
  await page.getByRole('button', { name: 'Open chat' }).click();
  expect(await settled).toBe('verified');
  await page.getByRole('button', { name: 'Your details' }).click();
  const details = page.getByRole('form', { name: 'Your details' });
  await expect.poll(() => details.getByRole('textbox', { name: 'Name' }).inputValue(), { timeout: 10_000 }).toBe('Nora Berg');
  expect(await details.getByRole('textbox', { name: 'Email' }).inputValue()).toBe('nora@example.org');
  const profile = await page.evaluate(async () => {
    const res = await fetch('/api/visitor/profile', { headers: { Authorization: `Bearer ${localStorage.getItem('parley:demo-shop:visitor')}` } });
    return res.json();
  });
  expect(profile).toEqual({ visitor: { name: 'Nora Berg', email: 'nora@example.org', verified: true } });
});

it('a bad hash rejects the promise with the reason, and keeps the fields unverified', async () => {
  const { page } = await visitorOnShop(browser(), base);
  await page.getByRole('button', { name: 'Open chat' }).click();
  const settled = await identify(page, { id: 'customer-7', name: 'Mallory', email: 'm@example.org', hash: sign('customer-7', 'guessed') });
  expect(settled).toMatch(/^refused: hash: does not match/);
  const profile = await page.evaluate(async () => {
    const res = await fetch('/api/visitor/profile', { headers: { Authorization: `Bearer ${localStorage.getItem('parley:demo-shop:visitor')}` } });
    return res.json();
  });
  expect(profile).toEqual({ visitor: { name: 'Mallory', email: 'm@example.org', verified: false } });
});
