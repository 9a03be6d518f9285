/**
 * The console's response headers. The console holds an agent's (or an admin's) session, so a page
 * that framed it could click for them, and a script injected into it could act as them: it runs
 * only Parley's own scripts (and Cloudflare's Turnstile, for the sign-in challenge), never inline
 * or evaluated code, and no page may frame it. Styles may be inline: the widget preview's frame
 * writes one, and a style cannot act for anyone.
 */
export function withConsoleHeaders(response: Response, requestUrl: string): Response {
  const { protocol, host } = new URL(requestUrl);
  const socketOrigin = `${protocol === 'https:' ? 'wss' : 'ws'}://${host}`;
  const csp = [
    "default-src 'self'",
    "script-src 'self' https://challenges.cloudflare.com",
    "frame-src 'self' https://challenges.cloudflare.com",
    `connect-src 'self' ${socketOrigin}`,
    // Cards and their pictures come from the shops' own pages, anywhere on the web.
    "img-src 'self' data: blob: https:",
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const answer = new Response(response.body, response);
  answer.headers.set('Content-Security-Policy', csp);
  // For browsers older than frame-ancestors.
  answer.headers.set('X-Frame-Options', 'DENY');
  answer.headers.set('X-Content-Type-Options', 'nosniff');
  // Console URLs name chats; links out of it tell other sites nothing of them.
  answer.headers.set('Referrer-Policy', 'same-origin');
  return answer;
}
