/** Agents answer tickets by email from the console; the mail is kept (local dev) and the ticket pending (the customer has the next word). */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DEMO_SITE } from '../demo/demo-data';
import { call, errorOf, json, signIn } from './helpers';

async function leaveTicket(email = 'dana@example.com') {
  const res = await call('/api/visitor/tickets', {
    method: 'POST',
    body: json({ siteId: DEMO_SITE.id, name: 'Dana', email, message: 'Do you ship to Iceland?\nAnd to Greenland?' }),
  });
  return ((await res.json()) as { ticket: { id: string } }).ticket.id;
}

const reply = (cookie: string, id: string, body: unknown) => call(`/api/console/tickets/${id}/reply`, { method: 'POST', cookie, body: json(body) });

describe('ticket replies', () => {
  it('mails the answer with the question quoted, and the ticket waits on the customer', async () => {
    const id = await leaveTicket();
    const cookie = await signIn('bob@example.com');
    const res = await reply(cookie, id, { text: 'Yes, we ship to Iceland within a week.' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ ticket: { id, status: 'pending' }, mail: { to: 'dana@example.com', status: 'kept' } });

    const mail = await env.DB.prepare('SELECT "to", subject, text FROM mails').first<{ to: string; subject: string; text: string }>();
    expect(mail).toEqual({
      to: 'dana@example.com',
      subject: 'Re: your message to Demo shop',
      text: 'Yes, we ship to Iceland within a week.\n\nBob, Demo shop\n\n> Do you ship to Iceland?\n> And to Greenland?\n',
    });
    const list = (await (await call('/api/console/tickets', { cookie })).json()) as { tickets: Array<{ id: string; status: string }> };
    expect(list.tickets.find((t) => t.id === id)?.status).toBe('pending');
  });

  it('refuses an empty answer, an unknown ticket, the signed-out and a foreign origin, and sends nothing', async () => {
    const id = await leaveTicket();
    const cookie = await signIn('bob@example.com');
    const empty = await reply(cookie, id, { text: '   ' });
    expect(empty.status).toBe(400);
    expect(await errorOf(empty)).toEqual({ code: 'invalid_request', message: 'text: must not be empty', field: 'text' });
    const unknown = await reply(cookie, 'no-such-ticket', { text: 'Hi' });
    expect(unknown.status).toBe(404);
    expect((await call(`/api/console/tickets/${id}/reply`, { method: 'POST', body: json({ text: 'Hi' }) })).status).toBe(401);
    const foreign = await call(`/api/console/tickets/${id}/reply`, { method: 'POST', cookie, headers: { Origin: 'https://evil.example' }, body: json({ text: 'Hi' }) });
    expect(foreign.status).toBe(403);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM mails').first()).toEqual({ n: 0 });
  });

  it('says so when the ticket has no address to answer', async () => {
    const id = await leaveTicket();
    await env.DB.prepare("UPDATE tickets SET email = '' WHERE id = ?").bind(id).run();
    const res = await reply(await signIn('bob@example.com'), id, { text: 'Hi' });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).message).toBe('This ticket has no email address to answer');
  });
});
