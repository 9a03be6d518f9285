/**
 * The visitor's side of the REST API. The token lives in localStorage under the site's key, so
 * a reload (or another tab) finds the same visitor and their conversation.
 */
import type { Attachment, ConversationSummary } from '../../protocol/chat';
import type { PendingMessage } from '../../protocol/client/conversation-client';
import { ApiFailure, failureOf, restClient, type Call, type CallRest } from '../../protocol/client/rest-client';
import { socketUrl } from '../../protocol/client/socket-url';
import type { PublicAgent, VisitorProfile, WidgetStatusResponse } from '../../protocol/visitor-bodies';
import { LANGUAGE_TAG, RASTER_IMAGE_TYPES } from '../../protocol/limits';
import { pathOf, type AnswerOf, type Endpoint } from '../../protocol/rest/endpoint';
import { files } from '../../protocol/rest/files';
import { visitor } from '../../protocol/rest/visitor';
import { tokenKey } from '../contract';

export class VisitorApi {
  /** Calls that need no visitor: no token, so a GET goes without a CORS preflight. */
  private readonly anyone: Call;
  /** Calls with the visitor's token, when there is one. */
  private readonly withToken: Call;

  constructor(
    private readonly base: string,
    private readonly siteId: string,
  ) {
    this.anyone = restClient({ base });
    this.withToken = restClient({ base, token: () => this.storedToken });
  }

  /** The conversation this visitor has open, if any, without creating a visitor. */
  async current(): Promise<ConversationSummary | null> {
    if (!this.storedToken) return null;
    return (await this.asVisitor(visitor.conversation)).conversation;
  }

  /** Starts a chat; the browser's language, when it gives a usable one, routes it, as do survey answers. */
  async start(language: string | undefined, answers: Record<string, string> = {}, turnstileToken?: string): Promise<ConversationSummary> {
    const body = {
      ...(language && LANGUAGE_TAG.test(language) ? { language } : {}),
      ...(Object.keys(answers).length ? { answers } : {}),
      // Where a mail of replies the visitor missed links back to (without any fragment).
      page: location.href.split('#')[0]!.slice(0, 2000),
      turnstileToken,
    };
    const { conversation } = await this.asVisitor(visitor.startConversation, { body });
    return conversation!;
  }

  /** Follows a continuation link: its visitor's token replaces any this browser had, and their chat is open again. */
  async continueChat(token: string): Promise<ConversationSummary> {
    const answer = await this.anyone(visitor.continueChat, { body: { token } });
    localStorage.setItem(tokenKey(this.siteId), answer.token);
    return answer.conversation;
  }

  async end(): Promise<void> {
    await this.asVisitor(visitor.endConversation);
  }

  /** Whether chat is on, whether anyone can answer now, and the site's settings. Needs no visitor token. */
  status(): Promise<WidgetStatusResponse> {
    return this.anyone(visitor.siteStatus, { params: { siteId: this.siteId } });
  }

  /** The name and email the visitor gave; nothing is asked of a visitor who has no token yet. */
  async profile(): Promise<VisitorProfile | null> {
    if (!this.storedToken) return null;
    return (await this.asVisitor(visitor.profile)).visitor;
  }

  async saveProfile(profile: { name?: string; email?: string }): Promise<VisitorProfile> {
    return (await this.asVisitor(visitor.saveProfile, { body: profile })).visitor;
  }

  /** Rejects with the server's reason when the hash does not verify (the fields are kept, unverified). */
  async identify(identity: { id: string; name?: string; email?: string; hash: string }): Promise<VisitorProfile> {
    return (await this.asVisitor(visitor.identify, { body: identity })).visitor;
  }

  async rate(conversationId: string, rating: number, comment: string): Promise<void> {
    await this.asVisitor(visitor.rateChat, { params: { id: conversationId }, body: { rating, ...(comment ? { comment } : {}) } });
  }

  async sendTranscript(conversationId: string, email: string): Promise<void> {
    await this.asVisitor(visitor.mailTranscript, { params: { id: conversationId }, body: { email } });
  }

  agent(agentId: string): Promise<PublicAgent> {
    return this.anyone(visitor.agent, { params: { id: agentId } });
  }

  agentPhotoUrl = (agentId: string) => this.base + pathOf(visitor.agentPhoto, { id: agentId });

  /** Uploads files to the chat, reporting progress (0 to 1); fetch cannot report upload progress, XMLHttpRequest can. */
  async upload(conversationId: string, picked: File[], onProgress: (fraction: number) => void): Promise<Attachment[]> {
    const token = await this.token();
    const form = new FormData();
    for (const file of picked) form.append('files', file);
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', this.base + pathOf(files.upload, { conversationId }));
      xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.onload = () => {
        let body: unknown;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          // Not our answer (a proxy's page, say): the fallback below words it.
        }
        if (xhr.status === 201 && body) resolve((body as { files: Attachment[] }).files);
        else reject(failureOf(xhr.status, body, `Upload failed (${xhr.status})`));
      };
      xhr.onerror = () => reject(new ApiFailure(0, 'internal', 'Upload failed: no connection'));
      xhr.send(form);
    });
  }

  private fileUrls = new Map<string, Promise<string>>();

  /**
   * Where a file is shown from. A raster image becomes an object URL, fetched with the token in a
   * header. Anything else is a link to the file itself (token in the query, as a link cannot send
   * a header), which the server sends as a download: an object URL has the host page's origin, and
   * an HTML or PDF opened from one would run as the host's own page.
   */
  fileUrl = (attachment: Attachment): Promise<string> => {
    let url = this.fileUrls.get(attachment.id);
    if (!url) {
      const link = this.base + pathOf(files.download, { id: attachment.id });
      url = this.token().then(async (token) => {
        if (!RASTER_IMAGE_TYPES.test(attachment.type)) return `${link}?token=${encodeURIComponent(token)}`;
        const res = await fetch(link, { headers: { Authorization: `Bearer ${token}` } });
        if (!res.ok) throw failureOf(res.status, await res.json().catch(() => null));
        return URL.createObjectURL(await res.blob());
      });
      this.fileUrls.set(attachment.id, url);
    }
    return url;
  };

  async siteSocketUrl(): Promise<string> {
    const url = socketUrl('/ws/visitor/site', this.base);
    url.searchParams.set('token', await this.token());
    return url.toString();
  }


  /** The message form for when no one can chat: becomes a ticket agents answer by email. */
  async leaveMessage(form: { name: string; email: string; message: string }, turnstileToken?: string): Promise<void> {
    // The language routes the ticket to the queue a chat in it would go to.
    const language = LANGUAGE_TAG.test(navigator.language) ? { language: navigator.language } : {};
    await this.withToken(visitor.leaveMessage, { body: { siteId: this.siteId, ...form, ...language, turnstileToken } });
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
    const { token } = await this.anyone(visitor.startSession, { body: { siteId: this.siteId } });
    localStorage.setItem(tokenKey(this.siteId), token);
    return token;
  }

  /** A call as this visitor, who gets a token first if they have none. */
  private async asVisitor<E extends Endpoint>(endpoint: E, ...args: CallRest<E>): Promise<AnswerOf<E>> {
    await this.token();
    try {
      return await this.withToken(endpoint, ...args);
    } catch (err) {
      // A token the server no longer accepts (say, after a secret rotation): start afresh once.
      if (!(err instanceof ApiFailure && err.status === 401)) throw err;
      localStorage.removeItem(tokenKey(this.siteId));
      await this.token();
      return this.withToken(endpoint, ...args);
    }
  }
}
