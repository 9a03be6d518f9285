/** The console's page: a CSP that runs only Parley's own scripts and keeps it out of every frame, and the usual headers. */
import { describe, expect, it } from 'vitest';
import { call } from './helpers';

const directives = (csp: string | null) => new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe('the console', () => {
  it.each(['/console/', '/console/chats/01JD4QA0000000000000000000', '/console/admin'])('is served with a strict CSP: %s', async (path) => {
    const res = await call(path);
    const csp = directives(res.headers.get('Content-Security-Policy'));
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    // Scripts from Parley itself, and Cloudflare's Turnstile for the sign-in challenge; nothing inline, nothing evaluated.
    expect(csp.get('script-src')).toEqual(["'self'", 'https://challenges.cloudflare.com']);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'wss://parley.test']);
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Referrer-Policy')).toBe('same-origin');
  });
});
