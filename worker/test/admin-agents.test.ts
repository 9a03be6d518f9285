/** Admins manage agents: invite, join by link, roles and queues, capacity, photo, deactivate, reset password. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ADMIN, AGENT, auditActions, send, supervisorCookie } from './admin-helpers';
import { accept, agentSocket, call, errorOf, json, offerFor, onlineAgent, ORIGIN, Probe, refusedUpgrade, signIn, visitorWrites } from './helpers';

const invite = { email: 'Carol@Shop.example', name: 'Carol', role: 'agent', queueIds: ['general'] };

async function invited(admin: string, body: Record<string, unknown> = invite) {
  const res = await send('POST', '/api/admin/agents/invites', admin, body);
  expect(res.status).toBe(201);
  return (await res.json()) as { link: string; mail: string };
}

const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

describe('agents', () => {
  it('lists agents with their queues, for admins only', async () => {
    const res = await send('GET', '/api/admin/agents', await signIn(ADMIN));
    const { agents } = (await res.json()) as { agents: Array<{ email: string; queueIds: string[]; active: boolean }> };
    expect(agents.find((a) => a.email === AGENT)).toMatchObject({ queueIds: ['general'], active: true });
    for (const cookie of [await signIn(AGENT), await supervisorCookie()]) {
      const refused = await send('GET', '/api/admin/agents', cookie);
      expect(refused.status).toBe(403);
      expect((await errorOf(refused)).code).toBe('forbidden');
    }
    expect((await call('/api/admin/agents')).status).toBe(401);
  });

  it('invites by email; the link makes the account once, in the invited queues, signed in', async () => {
    const admin = await signIn(ADMIN);
    const { link, mail } = await invited(admin);
    expect(link).toMatch(new RegExp(`^${ORIGIN}/console/join\\?token=[\\w-]{43}$`));
    expect(mail).toBe('kept');
    const kept = await env.DB.prepare('SELECT "to", text FROM mails').first<{ to: string; text: string }>();
    expect(kept!.to).toBe('carol@shop.example');
    expect(kept!.text).toContain(link);

    const join = await call('/api/auth/join', { method: 'POST', body: json({ token: tokenOf(link), name: 'Carol C', password: 'carols passphrase' }) });
    expect(join.status).toBe(200);
    expect(await join.json()).toMatchObject({ agent: { email: 'carol@shop.example', name: 'Carol C', role: 'agent' } });
    const cookie = join.headers.get('Set-Cookie')!.split(';')[0]!;
    expect((await call('/api/auth/me', { cookie })).status).toBe(200);
    const member = await env.DB.prepare("SELECT q.queue_id FROM queue_members q JOIN agents a ON a.id = q.agent_id WHERE a.email = 'carol@shop.example'").first();
    expect(member).toEqual({ queue_id: 'general' });

    const again = await call('/api/auth/join', { method: 'POST', body: json({ token: tokenOf(link), name: 'Mallory', password: 'another passphrase' }) });
    expect(again.status).toBe(400);
    expect(await errorOf(again)).toMatchObject({ code: 'invite_invalid', field: 'token' });
    expect((await auditActions()).map((a) => a.action)).toEqual(['agent.invited', 'agent.joined']);
  });

  it('refuses bad invites and bad joins with the field at fault', async () => {
    const admin = await signIn(ADMIN);
    for (const [body, field, code] of [
      [{ ...invite, email: 'nope' }, 'email', 'invalid_request'],
      [{ ...invite, role: 'owner' }, 'role', 'invalid_request'],
      [{ ...invite, queueIds: ['no-such-queue'] }, 'queueIds', 'invalid_request'],
      [{ ...invite, email: AGENT }, 'email', 'already_exists'],
    ] as const) {
      const res = await send('POST', '/api/admin/agents/invites', admin, body);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(await errorOf(res)).toMatchObject({ code, field });
    }
    const { link } = await invited(admin);
    const short = await call('/api/auth/join', { method: 'POST', body: json({ token: tokenOf(link), name: 'Carol', password: 'short' }) });
    expect(await errorOf(short)).toMatchObject({ code: 'invalid_request', field: 'password' });
    const forged = await call('/api/auth/join', { method: 'POST', body: json({ token: 'guessed', name: 'Carol', password: 'long enough pass' }) });
    expect(await errorOf(forged)).toMatchObject({ code: 'invite_invalid' });
    const supervisor = await send('POST', '/api/admin/agents/invites', await supervisorCookie(), invite);
    expect(supervisor.status).toBe(403);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM agent_invites').first()).toEqual({ n: 1 });
  });

  it('changes role, queues, capacity, languages, name and department, and audits it', async () => {
    const admin = await signIn(ADMIN);
    const change = { role: 'supervisor', queueIds: [], capacity: 6, primaryLanguage: 'nb', secondaryLanguages: ['en', 'de'], name: 'Alice A', department: 'Returns' };
    const res = await send('PATCH', '/api/admin/agents/agent-alice', admin, change);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ agent: { ...change, id: 'agent-alice' } });
    expect(await auditActions()).toEqual([{ agent_id: 'agent-admin', action: 'agent.updated', target: 'agent-alice' }]);
    // The agent's console is told to refetch its profile.
    const { inbox } = await onlineAgent(AGENT);
    await send('PATCH', '/api/admin/agents/agent-alice', admin, { capacity: 2 });
    await inbox.waitFor((f) => f.type === 'refresh' && f.what === 'profile');
  });

  it('refuses capacity outside 1 to 6, bad languages and locking oneself out', async () => {
    const admin = await signIn(ADMIN);
    for (const [body, field] of [
      [{ capacity: 7 }, 'capacity'],
      [{ capacity: 0 }, 'capacity'],
      [{ capacity: 2.5 }, 'capacity'],
      [{ primaryLanguage: 'english!' }, 'primaryLanguage'],
      [{ queueIds: ['nope'] }, 'queueIds'],
    ] as const) {
      const res = await send('PATCH', '/api/admin/agents/agent-alice', admin, body);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).field).toBe(field);
    }
    const self = await send('PATCH', '/api/admin/agents/agent-admin', admin, { active: false });
    expect(await errorOf(self)).toMatchObject({ field: 'active', message: 'You cannot deactivate your own account' });
    expect((await send('PATCH', '/api/admin/agents/nobody', admin, { capacity: 2 })).status).toBe(404);
    expect((await send('PATCH', '/api/admin/agents/agent-bob', await signIn(AGENT), { capacity: 2 })).status).toBe(403);
    expect(await auditActions()).toEqual([]);
  });

  it('deactivating ends the agent’s sessions and stops them signing in', async () => {
    const admin = await signIn(ADMIN);
    const alice = await signIn(AGENT);
    const res = await send('PATCH', '/api/admin/agents/agent-alice', admin, { active: false });
    expect(res.status).toBe(200);
    expect((await call('/api/auth/me', { cookie: alice })).status).toBe(401);
    const again = await call('/api/auth/sign-in', { method: 'POST', body: json({ email: AGENT, password: 'parley-demo' }) });
    expect(again.status).toBe(403);
    expect(await errorOf(again)).toEqual({ code: 'forbidden', message: 'This account has been deactivated; ask an admin' });
    expect((await auditActions()).map((a) => a.action)).toEqual(['agent.deactivated']);
  });

  it('deactivating closes the consoles the agent has open: the inbox and their chats', async () => {
    const alice = await onlineAgent(AGENT);
    const chat = await visitorWrites('Hello?');
    await offerFor(alice.inbox, chat.id);
    await accept(alice.cookie, chat.id);
    const socket = await agentSocket(alice.cookie, chat.id);
    const closed = (probe: Probe) => new Promise<number>((resolve) => probe.ws.addEventListener('close', (e) => resolve(e.code)));
    const [inboxClosed, chatClosed] = [closed(alice.inbox), closed(socket)];

    expect((await send('PATCH', '/api/admin/agents/agent-alice', await signIn(ADMIN), { active: false })).status).toBe(200);
    expect(await inboxClosed).toBe(4001);
    expect(await chatClosed).toBe(4001);
    // And they cannot come back in.
    expect((await refusedUpgrade(`/ws/agent/conversations/${chat.id}`, { cookie: alice.cookie })).status).toBe(401);
  });

  it('an admin resets a password: the old one and the agent’s sessions stop working', async () => {
    const admin = await signIn(ADMIN);
    const alice = await signIn(AGENT);
    const res = await send('POST', '/api/admin/agents/agent-alice/password', admin, { password: 'brand new passphrase' });
    expect(res.status).toBe(204);
    expect((await call('/api/auth/me', { cookie: alice })).status).toBe(401);
    const old = await call('/api/auth/sign-in', { method: 'POST', body: json({ email: AGENT, password: 'parley-demo' }) });
    expect(old.status).toBe(401);
    const fresh = await call('/api/auth/sign-in', { method: 'POST', body: json({ email: AGENT, password: 'brand new passphrase' }) });
    expect(fresh.status).toBe(200);
    expect(await errorOf(await send('POST', '/api/admin/agents/agent-alice/password', admin, { password: 'short' }))).toMatchObject({ field: 'password' });
    const audit = JSON.stringify(await env.DB.prepare('SELECT * FROM audit_log').all());
    expect(audit).not.toContain('brand new passphrase');
  });

  it('stores a photo in R2: images only, at most 2 MB', async () => {
    const admin = await signIn(ADMIN);
    const upload = (file: File) => {
      const form = new FormData();
      form.append('photo', file);
      return call('/api/admin/agents/agent-alice/photo', { method: 'PUT', cookie: admin, body: form });
    };
    const res = await upload(new File([new Uint8Array([137, 80, 78, 71])], 'me.png', { type: 'image/png' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ agent: { hasPhoto: true } });
    expect((await env.FILES.get('photos/agent-alice'))?.httpMetadata?.contentType).toBe('image/png');
    const shown = await call('/api/admin/agents/agent-alice/photo', { cookie: admin });
    expect(new Uint8Array(await shown.arrayBuffer())).toEqual(new Uint8Array([137, 80, 78, 71]));

    const text = await upload(new File(['hi'], 'me.txt', { type: 'text/plain' }));
    expect(text.status).toBe(415);
    expect(await errorOf(text)).toMatchObject({ code: 'unsupported_file_type', field: 'photo' });
    const big = await upload(new File([new Uint8Array(2 * 1024 * 1024 + 1)], 'big.png', { type: 'image/png' }));
    expect(big.status).toBe(413);
    expect(await errorOf(big)).toMatchObject({ code: 'file_too_large', field: 'photo' });
    expect((await auditActions()).map((a) => a.action)).toEqual(['agent.photo_changed']);
  });

  it('refuses changes from another origin', async () => {
    const admin = await signIn(ADMIN);
    const res = await call('/api/admin/agents/agent-alice', { method: 'PATCH', cookie: admin, headers: { Origin: 'https://evil.example' }, body: json({ capacity: 1 }) });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('origin_not_allowed');
  });
});
