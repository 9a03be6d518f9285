/**
 * The visitor's side of the REST API. The token lives in localStorage under the site's key, so
 * a reload (or another tab) finds the same visitor and their conversation.
 */
import type { ConversationResponse, SiteStatusResponse, VisitorSessionResponse } from '../../protocol/api';
import type { ConversationSummary } from '../../protocol/chat';
import type { PendingMessage } from '../../protocol/client/conversation-client';
import { socketUrl } from '../../protocol/client/socket-url';
import type { ApiErrorBody } from '../../protocol/errors';
import { LANGUAGE_TAG } from '../../protocol/limits';
import { tokenKey } from '../contract';

export class VisitorApi {
  constructor(
    private readonly base: string,
    private readonly siteId: string,
  ) {}

  /** The conversation this visitor has open, if any, without creating a visitor. */
  async current(): Promise<ConversationSummary | null> {
    if (!this.storedToken) return null;
    return (await this.request<ConversationResponse>('GET', '/api/visitor/conversation')).conversation;
  }

  /** Starts a chat; the browser's language, when it gives a usable one, routes it. */
  async start(language: string | undefined): Promise<ConversationSummary> {
    const body = language && LANGUAGE_TAG.test(language) ? { language } : {};
    const { conversation } = await this.request<ConversationResponse>('POST', '/api/visitor/conversation', body);
    return conversation!;
  }

  async end(): Promise<void> {
    await this.request<ConversationResponse>('POST', '/api/visitor/conversation/end', {});
  }

  /** Whether chat is on, and whether anyone can answer now. Needs no visitor token. */
  async status(): Promise<SiteStatusResponse> {
    const res = await fetch(`${this.base}/api/visitor/sites/${encodeURIComponent(this.siteId)}/status`);
    if (!res.ok) throw new Error(await errorMessage(res));
    return (await res.json()) as SiteStatusResponse;
  }

  /** The message form for when no one can chat: becomes a ticket agents answer by email. */
  async leaveMessage(form: { name: string; email: string; message: string }): Promise<void> {
    const token = this.storedToken;
    const res = await fetch(`${this.base}/api/visitor/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ siteId: this.siteId, ...form }),
    });
    if (!res.ok) throw new Error(await errorMessage(res));
  }

  async socketUrl(conversationId: string): Promise<string> {
    const url = socketUrl(`/ws/visitor/conversations/${conversationId}`, this.base);
    url.searchParams.set('token', await this.token());
    return url.toString();
  }

  /** The visitor's choice to silence the chime, remembered for the site. */
  get muted(): boolean {
    return localStorage.getItem(`parley:${this.siteId}:muted`) === '1';
  }

  set muted(value: boolean) {
    if (value) localStorage.setItem(`parley:${this.siteId}:muted`, '1');
    else localStorage.removeItem(`parley:${this.siteId}:muted`);
  }

  /** Messages written but not yet stored, kept per conversation across reloads. */
  pendingStore(conversationId: string) {
    const key = `parley:${this.siteId}:pending:${conversationId}`;
    return {
      load: (): PendingMessage[] => {
        try {
          return JSON.parse(localStorage.getItem(key) ?? '[]') as PendingMessage[];
        } catch {
          return [];
        }
      },
      save: (pending: PendingMessage[]) => {
        if (pending.length) localStorage.setItem(key, JSON.stringify(pending));
        else localStorage.removeItem(key);
      },
    };
  }

  private get storedToken(): string | null {
    return localStorage.getItem(tokenKey(this.siteId));
  }

  private async token(): Promise<string> {
    const stored = this.storedToken;
    if (stored) return stored;
    const res = await fetch(`${this.base}/api/visitor/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ siteId: this.siteId }),
    });
    if (!res.ok) throw new Error(await errorMessage(res));
    const { token } = (await res.json()) as VisitorSessionResponse;
    localStorage.setItem(tokenKey(this.siteId), token);
    return token;
  }

  private async request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${await this.token()}`, 'Content-Type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    // A token the server no longer accepts (say, after a secret rotation): start afresh once.
    if (res.status === 401 && !retried) {
      localStorage.removeItem(tokenKey(this.siteId));
      return this.request(method, path, body, true);
    }
    if (!res.ok) throw new Error(await errorMessage(res));
    return (await res.json()) as T;
  }
}

async function errorMessage(res: Response): Promise<string> {
  try {
    return ((await res.json()) as ApiErrorBody).error.message;
  } catch {
    return `Request failed (${res.status})`;
  }
}
