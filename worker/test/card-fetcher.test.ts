/**
 * The card fetcher is no way into a private network: names are resolved first (a fake resolver
 * here, DNS over HTTPS in production) and every answer and every redirect hop checked.
 */
import { describe, expect, it } from 'vitest';
import { dohResolver } from '../cards/dns';
import { errorOf, signIn } from './helpers';
import { get } from './workspace-fixtures';

const card = async (url: string) => get(await signIn('alice@example.com'), `/api/console/cards?url=${encodeURIComponent(url)}`);
const privateAddress = { code: 'invalid_request', message: 'url: points to a private or local address', field: 'url' };

describe('link cards by name', () => {
  it('fetch a page whose name resolves to public addresses', async () => {
    const res = await card('http://shop.test/teapot');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ card: { url: 'http://shop.test/teapot', title: 'Blue teapot' } });
  });

  it('refuse a name any of whose addresses is private, loopback or unique-local', async () => {
    for (const url of ['http://intranet.test/admin', 'http://mixed.test/', 'http://ula.test/']) {
      const res = await card(url);
      expect(res.status, url).toBe(400);
      expect(await errorOf(res), url).toEqual(privateAddress);
    }
  });

  it('refuse addresses no page lives at, and IPv6 spellings that carry an IPv4 address inside', async () => {
    for (const url of ['http://224.0.0.251/', 'http://255.255.255.255/', 'http://198.18.0.1/', 'http://192.0.0.8/', 'http://[2002:a00:1::]/', 'http://[2001:0:4136:e378::1]/']) {
      const res = await card(url);
      expect(res.status, url).toBe(400);
      expect(await errorOf(res), url).toEqual(privateAddress);
    }
  });

  it('refuse a name that does not resolve', async () => {
    const res = await card('http://nowhere.test/');
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toEqual({ code: 'invalid_request', message: 'url: the host has no address', field: 'url' });
  });

  it('check every redirect hop the same way', async () => {
    const res = await card('http://redirect.test/');
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toEqual(privateAddress);
  });

  it('answer 502 when a page sends its body too slowly', async () => {
    const res = await card('http://slow.test/');
    expect(res.status).toBe(502);
    expect(await errorOf(res)).toEqual({ code: 'invalid_request', message: 'url: the page could not be fetched in time', field: 'url' });
  }, 20_000);
});

describe('DNS over HTTPS', () => {
  const answering = (answers: Record<string, unknown>) => (async (url: string) => {
    const type = new URL(url).searchParams.get('type')!;
    return Response.json(answers[type]);
  }) as unknown as typeof fetch;

  it('collects the A and AAAA answers, past any CNAME', async () => {
    const resolver = dohResolver(
      answering({
        A: { Status: 0, Answer: [{ type: 5, data: 'shop.cdn.example.' }, { type: 1, data: '10.0.0.7' }] },
        AAAA: { Status: 0, Answer: [{ type: 28, data: '2606:4700::1' }] },
      }),
    );
    expect(await resolver.addresses('shop.example')).toEqual(['10.0.0.7', '2606:4700::1']);
  });

  it('reads NXDOMAIN as no addresses, and any other failure as an error', async () => {
    expect(await dohResolver(answering({ A: { Status: 3 }, AAAA: { Status: 3 } })).addresses('nope.example')).toEqual([]);
    await expect(dohResolver(answering({ A: { Status: 2 }, AAAA: { Status: 0 } })).addresses('x.example')).rejects.toThrow('DNS over HTTPS status 2');
  });
});
