/**
 * The public API and webhooks against the running app: the OpenAPI document is valid OpenAPI 3.1
 * (checked by a maintained validator, in Node), and a receiver on this machine, set up in
 * Admin → Webhooks, gets a signed message.created when a visitor writes, refuses the first
 * delivery with a 500 and receives it again from the Queue's retry.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Webhook as Verifier } from 'standardwebhooks';
import { afterEach, expect, inject, it } from 'vitest';
import { openSettings } from './admin-people';
import { accessibilityProblems } from './axe';
import { useBrowser } from './browser';
import { agentSignsIn, everyoneLeaves, visitorOnShop, visitorWrites } from './people';

const base = inject('baseUrl');
const browser = useBrowser();
afterEach(everyoneLeaves);

it('serves a valid OpenAPI 3.1 document', async () => {
  const doc = await (await fetch(`${base}/api/v1/openapi.json`)).json();
  const validator = new Validator();
  const result = await validator.validate(doc);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  expect(validator.version).toBe('3.1');
});

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

/** A webhook receiver on 127.0.0.1 that refuses its first delivery with a 500. */
async function receiverRefusingFirst() {
  const got: Delivery[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const answered = got.length === 0 ? 500 : 200;
      got.push({ headers: req.headers, body, answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/parley`, got, close: () => new Promise((r) => server.close(r)) };
}

it('a local receiver set up in Admin → Webhooks gets a signed message.created, refuses it once and gets it again', async () => {
  const receiver = await receiverRefusingFirst();
  try {
    const admin = await agentSignsIn(browser(), base, 'admin@example.com');
    const page = admin.page;
    await page.goto(`${base}/console/admin`);
    await openSettings(page, 'Webhooks');
    const form = page.getByRole('form', { name: 'New webhook' });
    await form.getByLabel('Endpoint URL').fill(receiver.url);
    await form.getByLabel('message.created').check();
    await form.getByRole('button', { name: 'Add webhook' }).click();
    const secret = (await page.getByLabel('Signing secret').innerText()).trim();
    expect(secret).toMatch(/^whsec_/);

    // An agent is online, so the widget offers a chat rather than the offline form.
    await agentSignsIn(browser(), base, 'alice@example.com');
    const shop = await visitorOnShop(browser(), base);
    await shop.page.getByRole('button', { name: 'Open chat' }).click();
    await visitorWrites(shop.page, 'Do you ship to Tromsø?');

    // The first attempt is refused; the Queue tries again after its backoff (10 s for the first retry).
    await expect.poll(() => receiver.got.length, { timeout: 45_000, interval: 250 }).toBe(2);
    const [first, second] = receiver.got as [Delivery, Delivery];
    expect([first.answered, second.answered]).toEqual([500, 200]);
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    const verifier = new Verifier(secret);
    const event = verifier.verify(second.body, second.headers as Record<string, string>) as { type: string; data: { message: { text: string } } };
    expect(event.type).toBe('message.created');
    expect(event.data.message.text).toBe('Do you ship to Tromsø?');

    // The delivery log says so, and the page passes axe with it open.
    await page.reload();
    const endpoint = page.getByRole('region', { name: `Webhook ${receiver.url}` });
    await endpoint.getByRole('button', { name: 'Show deliveries' }).click();
    const row = endpoint.getByRole('row').filter({ hasText: 'message.created' });
    await expect.poll(() => row.innerText()).toMatch(/delivered\s+2\s+200/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/parley-webhooks-page.png', fullPage: true });
    // Later tests' events should not go to a receiver that is gone.
    const hooks = (await (await page.request.get(`${base}/api/admin/webhooks`)).json()) as { webhooks: Array<{ id: string; url: string }> };
    for (const hook of hooks.webhooks.filter((h) => h.url === receiver.url)) {
      expect((await page.request.delete(`${base}/api/admin/webhooks/${hook.id}`, { headers: { Origin: base } })).status()).toBe(204);
    }
  } finally {
    await receiver.close();
  }
}, 90_000);
