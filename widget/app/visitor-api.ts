/**
 * The visitor's side of the REST API. The token lives in localStorage under the site's key, so
 * a reload (or another tab) finds the same visitor and their conversation.
 */
import type { ConversationResponse, VisitorSessionResponse } from '../../protocol/api';
import type { Attachment, ConversationSummary } from '../../protocol/chat';
import type { PendingMessage } from '../../protocol/client/conversation-client';
import { socketUrl } from '../../protocol/client/socket-url';
import type { ApiErrorBody, ErrorCode } from '../../protocol/errors';
import type { PublicAgent, VisitorProfile, VisitorProfileResponse, WidgetStatusResponse } from '../../protocol/visitor-bodies';
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

  /** Starts a chat; the browser's language, when it gives a usable one, routes it, as do survey answers. */
  async start(language: string | undefined, answers: Record<string, string> = {}): Promise<ConversationSummary> {
    const body = { ...(language && LANGUAGE_TAG.test(language) ? { language } : {}), ...(Object.keys(answers).length ? { answers } : {}) };
    const { conversation } = await this.request<ConversationResponse>('POST', '/api/visitor/conversation', body);
    return conversation!;
  }

  async end(): Promise<void> {
    await this.request<ConversationResponse>('POST', '/api/visitor/conversation/end', {});
  }

  /** Whether chat is on, whether anyone can answer now, and the site's settings. Needs no visitor token. */
  async status(): Promise<WidgetStatusResponse> {
    const res = await fetch(`${this.base}/api/visitor/sites/${encodeURIComponent(this.siteId)}/status`);
    if (!res.ok) throw await failure(res);
    return (await res.json()) as WidgetStatusResponse;
  }

  /** The name and email the visitor gave; nothing is asked of a visitor who has no token yet. */
  async profile(): Promise<VisitorProfile | null> {
    if (!this.storedToken) return null;
    return (await this.request<VisitorProfileResponse>('GET', '/api/visitor/profile')).visitor;
  }

  async saveProfile(profile: { name?: string; email?: string }): Promise<VisitorProfile> {
    return (await this.request<VisitorProfileResponse>('PUT', '/api/visitor/profile', profile)).visitor;
  }

  /** Rejects with the server's reason when the hash does not verify (the fields are kept, unverified). */
  async identify(identity: { id: string; name?: string; email?: string; hash: string }): Promise<VisitorProfile> {
    return (await this.request<VisitorProfileResponse>('POST', '/api/visitor/identify', identity)).visitor;
  }

  async rate(conversationId: string, rating: number, comment: string): Promise<void> {
    await this.request('POST', `/api/visitor/conversations/${conversationId}/rating`, { rating, ...(comment ? { comment } : {}) });
  }

  async sendTranscript(conversationId: string, email: string): Promise<void> {
    await this.request('POST', `/api/visitor/conversations/${conversationId}/transcript`, { email });
  }

  async agent(agentId: string): Promise<PublicAgent> {
    const res = await fetch(`${this.base}/api/visitor/agents/${encodeURIComponent(agentId)}`);
    if (!res.ok) throw await failure(res);
    return (await res.json()) as PublicAgent;
  }

  agentPhotoUrl = (agentId: string) => `${this.base}/api/visitor/agents/${encodeURIComponent(agentId)}/photo`;

  /** Uploads files to the chat, reporting progress (0 to 1); fetch cannot report upload progress, XMLHttpRequest can. */
  async upload(conversationId: string, files: File[], onProgress: (fraction: number) => void): Promise<Attachment[]> {
    const token = await this.token();
    const form = new FormData();
    for (const file of files) form.append('files', file);
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${this.base}/api/files/conversations/${conversationId}`);
      xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.onload = () => {
        try {
          const body = JSON.parse(xhr.responseText) as { files: Attachment[] } & Partial<ApiErrorBody>;
          if (xhr.status === 201) resolve(body.files);
          else reject(new VisitorApiError(body.error?.code ?? 'internal', body.error?.message ?? `Upload failed (${xhr.status})`));
        } catch {
          reject(new VisitorApiError('internal', `Upload failed (${xhr.status})`));
        }
      };
      xhr.onerror = () => reject(new VisitorApiError('internal', 'Upload failed: no connection'));
      xhr.send(form);
    });
  }

  private files = new Map<string, Promise<string>>();

  /** A file as an object URL, fetched with the token in a header (never in a URL that could be logged or shared). */
  fileUrl = (attachment: Attachment): Promise<string> => {
    let url = this.files.get(attachment.id);
    if (!url) {
      url = this.token()
        .then((token) => fetch(`${this.base}/api/files/${attachment.id}`, { headers: { Authorization: `Bearer ${token}` } }))
        .then(async (res) => {
          if (!res.ok) throw await failure(res);
          return URL.createObjectURL(await res.blob());
        });
      this.files.set(attachment.id, url);
    }
    return url;
  };

  async siteSocketUrl(): Promise<string> {
    const url = socketUrl('/ws/visitor/site', this.base);
    url.searchParams.set('token', await this.token());
    return url.toString();
  }


  /** The message form for when no one can chat: becomes a ticket agents answer by email. */
  async leaveMessage(form: { name: string; email: string; message: string }): Promise<void> {
    const token = this.storedToken;
    const res = await fetch(`${this.base}/api/visitor/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ siteId: this.siteId, ...form }),
    });
    if (!res.ok) throw await failure(res);
  }

  async socketUrl(conversationId: string): Promise<string> {
    const url = socketUrl(`/ws/visitor/conversations/${conversationId}`, this.base);
    url.searchParams.set('token', await this.token());
    return url.toString();
  }

  /** The visitor's own choice about the chime, remembered for the site; null until they make one (the site's default holds). */
  get mutedChoice(): boolean | null {
    const stored = localStorage.getItem(`parley:${this.siteId}:muted`);
    return stored === null ? null : stored === '1';
  }

  set muted(value: boolean) {
    localStorage.setItem(`parley:${this.siteId}:muted`, value ? '1' : '0');
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

  /** One session request at a time: callers racing for a first token (the site line, identify) share it. */
  private starting: Promise<string> | null = null;

  private token(): Promise<string> {
    const stored = this.storedToken;
    if (stored) return Promise.resolve(stored);
    this.starting ??= this.startSession().finally(() => (this.starting = null));
    return this.starting;
  }

  private async startSession(): Promise<string> {
    const res = await fetch(`${this.base}/api/visitor/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ siteId: this.siteId }),
    });
    if (!res.ok) throw await failure(res);
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
    if (!res.ok) throw await failure(res);
    return (await res.json()) as T;
  }
}

/** A refusal from the server, with its code (the widget closes for `banned`). */
export class VisitorApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

async function failure(res: Response): Promise<VisitorApiError> {
  try {
    const { error } = (await res.json()) as ApiErrorBody;
    return new VisitorApiError(error.code, error.message);
  } catch {
    return new VisitorApiError('internal', `Request failed (${res.status})`);
  }
}
