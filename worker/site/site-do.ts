/**
 * One site's live side: a socket from every open widget and from agents watching live visitors.
 * It pushes settings to widgets when an admin changes them, bans to the banned, and invitations
 * from agents; it tells watching agents who is on the site and where.
 *
 * A visitor's record outlives their socket for a while: each page load opens a new socket, and
 * the pages seen and the start of the visit must survive the navigation.
 */
import { MAX_FRAME_BYTES } from '../../protocol/limits';
import { parseWith } from '../../protocol/parse';
import { PageFrame, type LiveVisitor, type SiteSettings, type SiteToAgentFrame, type SiteToVisitorFrame } from '../../protocol/site-frames';
import type { Env } from '../env';
import { SocketDO } from '../sockets/socket-do';
import type { SocketIdentity } from '../sockets/socket-identity';
import { SocketRateLimit } from '../sockets/rate-limit';
import { readSiteSettings } from './settings';
import { VISIT_HEADER, type VisitInfo } from './visit';

/** A visit ends this long after the visitor's last widget closed. */
const VISIT_GAP_MS = 30 * 60 * 1000;
/** Pages kept per visit, newest last. */
const MAX_PAGES = 20;

/** The IP stays here: agents may ban by it but are never shown it. */
type StoredVisitor = LiveVisitor & { leftAt: number | null; ip: string | null };

const key = (visitorId: string) => `visitor:${visitorId}`;

export class SiteDO extends SocketDO<Env, SocketIdentity, SiteToAgentFrame | SiteToVisitorFrame> {
  private readonly rateLimit = new SocketRateLimit();

  /** An admin changed the site's settings: every open widget gets them now. */
  settingsChanged(settings: SiteSettings): void {
    this.toVisitors({ type: 'settings', settings });
  }

  /** Closes the widget of a banned visitor, in every tab they have open. */
  banned(visitorId: string): void {
    for (const ws of this.sockets(`visitor:${visitorId}`)) {
      this.send(ws, { type: 'banned' });
      ws.close(1008, 'banned');
    }
  }

  /** An agent asks a browsing visitor to chat; false if the visitor has no widget open. */
  invite(visitorId: string, agentName: string, message: string): boolean {
    const sockets = this.sockets(`visitor:${visitorId}`);
    for (const ws of sockets) this.send(ws, { type: 'invite', agentName, message });
    return sockets.length > 0;
  }

  /** The visitor as agents see them, while their visit lasts. */
  visitor(visitorId: string): LiveVisitor | null {
    const stored = this.ctx.storage.kv.get<StoredVisitor>(key(visitorId));
    return stored ? live(stored) : null;
  }

  /** The IP address the visitor's widget last came from, for a ban by IP. */
  ipOf(visitorId: string): string | null {
    return this.ctx.storage.kv.get<StoredVisitor>(key(visitorId))?.ip ?? null;
  }

  /** Agents watch the whole site; each visitor socket is one open widget (a visitor may have several tabs). */
  protected async onConnect(request: Request, who: SocketIdentity): Promise<Response> {
    if (who.role === 'agent') {
      const { socket, response } = this.acceptSocket(who, ['agent']);
      this.send(socket, { type: 'visitors', visitors: this.onSite() });
      return response;
    }
    const { socket, response } = this.acceptSocket(who, ['visitor', `visitor:${who.id}`]);
    const visit = JSON.parse(request.headers.get(VISIT_HEADER)!) as VisitInfo;
    this.send(socket, { type: 'settings', settings: await readSiteSettings(this.env.DB, visit.siteId) });
    this.arrive(who.id, who.name, visit);
    return response;
  }

  protected onMessage(ws: WebSocket, raw: string | ArrayBuffer): void {
    const who = this.identity(ws);
    const refuse = (code: string, message: string, field?: string) => this.send(ws, { type: 'error', code, message, ...(field ? { field } : {}) });
    if (who.role === 'agent') return refuse('unknown_frame', 'The live visitors socket takes no frames');
    if (typeof raw !== 'string' || raw.length > MAX_FRAME_BYTES) return refuse('frame_too_large', `Frames must be text under ${MAX_FRAME_BYTES} bytes`);
    if (this.rateLimit.take(ws) > 0) return refuse('rate_limited', 'Too many frames; slow down');
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return refuse('invalid_frame', 'Frames must be JSON');
    }
    const parsed = parseWith(PageFrame, data, 'invalid_frame');
    if (!parsed.ok) return refuse(parsed.error.code, parsed.error.message, parsed.error.field);
    const stored = this.ctx.storage.kv.get<StoredVisitor>(key(who.id));
    if (!stored) return;
    const { url, title, referrer, state, timeZone } = parsed.value;
    const last = stored.pages.at(-1);
    const pages = last?.url === url ? stored.pages : [...stored.pages, { url, title, at: Date.now() }].slice(-MAX_PAGES);
    // The referrer that brought the visitor to the site is kept; later ones are the site's own pages.
    this.save({ ...stored, url, title, state, pages, referrer: stored.referrer || referrer, timeZone: timeZone ?? stored.timeZone });
  }

  protected override onClose(ws: WebSocket): void {
    const who = this.identity(ws);
    if (who.role !== 'visitor' || this.sockets(`visitor:${who.id}`).length > 0) return;
    const stored = this.ctx.storage.kv.get<StoredVisitor>(key(who.id));
    if (stored) this.ctx.storage.kv.put(key(who.id), { ...stored, leftAt: Date.now() });
    this.toAgents({ type: 'visitor_left', visitorId: who.id });
  }

  private arrive(visitorId: string, name: string, visit: VisitInfo): void {
    this.forgetEndedVisits();
    const now = Date.now();
    const stored = this.ctx.storage.kv.get<StoredVisitor>(key(visitorId));
    const fresh: StoredVisitor = {
      visitorId,
      name,
      url: '',
      title: '',
      referrer: '',
      state: 'browsing',
      language: visit.language ?? null,
      country: visit.country ?? null,
      timeZone: null,
      userAgent: visit.userAgent ?? '',
      since: now,
      pages: [],
      leftAt: null,
      ip: visit.ip ?? null,
    };
    this.save(stored ? { ...stored, name, leftAt: null, ip: visit.ip ?? stored.ip } : fresh);
  }

  private save(visitor: StoredVisitor): void {
    this.ctx.storage.kv.put(key(visitor.visitorId), visitor);
    this.toAgents({ type: 'visitor', visitor: live(visitor) });
  }

  private forgetEndedVisits(): void {
    const cutoff = Date.now() - VISIT_GAP_MS;
    for (const [k, v] of this.ctx.storage.kv.list<StoredVisitor>({ prefix: 'visitor:' })) {
      if (v.leftAt !== null && v.leftAt < cutoff) this.ctx.storage.kv.delete(k);
    }
  }

  /** Visitors with a widget open now. */
  private onSite(): LiveVisitor[] {
    return [...this.ctx.storage.kv.list<StoredVisitor>({ prefix: 'visitor:' })].map(([, v]) => v).filter((v) => v.leftAt === null).map(live);
  }

  private toVisitors(frame: SiteToVisitorFrame): void {
    this.broadcast(frame, 'visitor');
  }

  private toAgents(frame: SiteToAgentFrame): void {
    this.broadcast(frame, 'agent');
  }
}

const live = ({ leftAt: _left, ip: _ip, ...visitor }: StoredVisitor): LiveVisitor => visitor;
