import { SELF } from 'cloudflare:test';
import { DEFAULT_WIDGET_SETTINGS } from '../../protocol/chat';
import { describe, expect, it } from 'vitest';
import { DEMO_SITE } from '../demo/demo-data';
import { call, connect, newVisitor, ORIGIN, Probe, refusedUpgrade, signIn } from './helpers';

/** A widget's site socket, with the browser headers the live view shows. */
async function widgetSocket(token: string, headers: Record<string, string> = {}) {
  const res = await SELF.fetch(new URL(`/ws/visitor/site?token=${token}`, ORIGIN), {
    headers: { Upgrade: 'websocket', Origin: ORIGIN, ...headers },
  });
  if (!res.webSocket) throw new Error(`upgrade refused: ${res.status} ${await res.text()}`);
  return new Probe(res.webSocket);
}

const watch = async () => {
  const probe = await connect(`/ws/agent/sites/${DEMO_SITE.id}`, { cookie: await signIn('alice@example.com') });
  await probe.waitFor((f) => f.type === 'visitors');
  return probe;
};

const page = (url: string, state = 'browsing') => ({ type: 'page', url, title: `Title of ${url}`, referrer: 'https://search.example/?q=tea', state });

describe('live visitors', () => {
  it('shows agents who is on the site, where, and in what browser, as they browse and leave', async () => {
    const agent = await watch();
    expect(agent.frames[0]).toEqual({ type: 'visitors', visitors: [] });

    const { token, visitorId } = await newVisitor();
    const widget = await widgetSocket(token, { 'Accept-Language': 'nb-NO,nb;q=0.9,en;q=0.5', 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' });
    const settings = await widget.waitFor((f) => f.type === 'settings');
    expect(settings.settings.widget.title).toBe('Chat with us');

    const arrived = await agent.waitFor((f) => f.type === 'visitor' && f.visitor.visitorId === visitorId);
    expect(arrived.visitor).toMatchObject({ name: `Visitor ${visitorId.slice(-4)}`, language: 'nb-NO', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0', pages: [] });

    widget.send(page('https://shop.example/tea'));
    const first = await agent.waitFor((f) => f.type === 'visitor' && f.visitor.url === 'https://shop.example/tea');
    expect(first.visitor).toMatchObject({ title: 'Title of https://shop.example/tea', referrer: 'https://search.example/?q=tea', state: 'browsing' });

    widget.send(page('https://shop.example/cups', 'writing'));
    const second = await agent.waitFor((f) => f.type === 'visitor' && f.visitor.url === 'https://shop.example/cups');
    expect(second.visitor.state).toBe('writing');
    expect(second.visitor.pages.map((p: { url: string }) => p.url)).toEqual(['https://shop.example/tea', 'https://shop.example/cups']);

    // An agent who starts watching now gets everyone on the site at once.
    const late = await watch();
    expect(late.frames[0].visitors.map((v: { visitorId: string }) => v.visitorId)).toEqual([visitorId]);

    widget.close();
    await agent.waitFor((f) => f.type === 'visitor_left' && f.visitorId === visitorId);
  });

  it('keeps the pages seen when the visitor opens the next page (a new socket)', async () => {
    const agent = await watch();
    const { token, visitorId } = await newVisitor();
    const first = await widgetSocket(token);
    first.send(page('https://shop.example/a'));
    await agent.waitFor((f) => f.type === 'visitor' && f.visitor.url === 'https://shop.example/a');
    first.close();
    await agent.waitFor((f) => f.type === 'visitor_left');
    const next = await widgetSocket(token);
    next.send(page('https://shop.example/b'));
    const seen = await agent.waitFor((f) => f.type === 'visitor' && f.visitor.url === 'https://shop.example/b');
    expect(seen.visitor.visitorId).toBe(visitorId);
    expect(seen.visitor.pages.map((p: { url: string }) => p.url)).toEqual(['https://shop.example/a', 'https://shop.example/b']);
  });

  it('answers bad frames with an error frame and keeps the socket', async () => {
    const { token } = await newVisitor();
    const widget = await widgetSocket(token);
    widget.send('not json');
    expect(await widget.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'invalid_frame', message: 'Frames must be JSON' });
    widget.send({ type: 'page', url: 'https://shop.example/', title: 't', referrer: '', state: 'dancing' });
    expect(await widget.waitFor((f) => f.type === 'error' && f.field === 'state')).toMatchObject({ code: 'invalid_frame' });
    widget.send({ type: 'page', url: 'x'.repeat(3000), title: 't', referrer: '', state: 'browsing' });
    expect(await widget.waitFor((f) => f.type === 'error' && f.field === 'url')).toMatchObject({ code: 'invalid_frame' });
    // Agents open these as links: a script URL never gets in.
    widget.send({ type: 'page', url: 'javascript:alert(1)', title: 't', referrer: '', state: 'browsing' });
    expect(await widget.waitFor((f) => f.type === 'error' && f.message === 'url: must be an http(s) URL')).toMatchObject({ code: 'invalid_frame' });
    widget.send({ type: 'page', url: 'https://shop.example/', title: 't', referrer: 'data:text/html,x', state: 'browsing' });
    expect(await widget.waitFor((f) => f.type === 'error' && f.field === 'referrer')).toMatchObject({ code: 'invalid_frame' });

    const agent = await watch();
    widget.send(page('https://shop.example/still-here'));
    await agent.waitFor((f) => f.type === 'visitor' && f.visitor.url === 'https://shop.example/still-here');
    agent.send({ type: 'page' });
    expect(await agent.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'unknown_frame' });
  });

  it('refuses sockets without a token, from other origins, and agents without a session', async () => {
    const { token } = await newVisitor();
    expect((await refusedUpgrade('/ws/visitor/site')).status).toBe(401);
    expect((await refusedUpgrade('/ws/visitor/site?token=forged')).status).toBe(401);
    const foreign = await refusedUpgrade(`/ws/visitor/site?token=${token}`, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('origin_not_allowed');

    expect((await refusedUpgrade(`/ws/agent/sites/${DEMO_SITE.id}`)).status).toBe(401);
    const cookie = await signIn('bob@example.com');
    expect((await refusedUpgrade(`/ws/agent/sites/${DEMO_SITE.id}`, { cookie, origin: 'https://evil.example' })).status).toBe(403);
    const unknown = await refusedUpgrade('/ws/agent/sites/no-such-site', { cookie });
    expect(unknown).toEqual({ status: 404, body: { error: { code: 'not_found', message: 'No site "no-such-site"' } } });
  });
});

describe('settings and bans from the site', () => {
  it("pushes an admin's new settings to every open widget at once", async () => {
    const { token } = await newVisitor();
    const widget = await widgetSocket(token);
    await widget.waitFor((f) => f.type === 'settings');
    const other = await widgetSocket((await newVisitor()).token);
    await other.waitFor((f) => f.type === 'settings');
    const changed = { ...DEFAULT_WIDGET_SETTINGS, title: 'Ask the potter', color: '#aa3300' };
    const res = await call(`/api/admin/sites/${DEMO_SITE.id}/widget`, { method: 'PUT', cookie: await signIn('admin@example.com'), body: JSON.stringify(changed) });
    expect(res.status).toBe(200);
    const settings = { widget: changed, survey: [], proactiveRules: [] };
    for (const socket of [widget, other]) {
      expect(await socket.waitFor((f) => f.type === 'settings' && f.settings.widget.title === 'Ask the potter')).toEqual({ type: 'settings', settings });
    }
  });
});
