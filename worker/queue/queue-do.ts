/**
 * One queue: the chats waiting in it, oldest first, and the offer out for each. Routing
 * decisions run here one at a time, so two agents are never offered the same chat.
 */
import { DurableObject } from 'cloudflare:workers';
import type { Availability, Offer } from '../../protocol/chat';
import { agentStub, conversationStub, type Env } from '../env';
import type { AgentReport, QueueEntry } from './queue-types';
import { estimateWait, nextAverage, rankCandidates } from './routing';

interface WaitingRow extends Record<string, SqlStorageValue> {
  conversation_id: string;
  entry: string;
  enqueued_at: number;
  offered_to: string | null;
  offer_expires_at: number | null;
  told_position: number | null;
}

interface AgentRow extends Record<string, SqlStorageValue> {
  agent_id: string;
  available: number;
  presence: string;
  primary_language: string;
  secondary_languages: string;
  last_assigned_at: number | null;
}

export class QueueDO extends DurableObject<Env> {
  private dispatching: Promise<void> | null = null;
  private dispatchAgain = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS waiting (
        conversation_id TEXT PRIMARY KEY,
        entry TEXT NOT NULL,
        enqueued_at INTEGER NOT NULL,
        offered_to TEXT,
        offer_expires_at INTEGER,
        told_position INTEGER
      );
      CREATE TABLE IF NOT EXISTS declined (conversation_id TEXT NOT NULL, agent_id TEXT NOT NULL, PRIMARY KEY (conversation_id, agent_id));
      CREATE TABLE IF NOT EXISTS agents (
        agent_id TEXT PRIMARY KEY,
        available INTEGER NOT NULL,
        presence TEXT NOT NULL,
        primary_language TEXT NOT NULL,
        secondary_languages TEXT NOT NULL,
        last_assigned_at INTEGER
      );
    `);
  }

  /** Adds a chat to the end of the queue (once) and offers it if an agent is free. */
  enqueue(entry: QueueEntry): void {
    this.sql(
      'INSERT OR IGNORE INTO waiting (conversation_id, entry, enqueued_at) VALUES (?, ?, ?)',
      entry.conversationId,
      JSON.stringify(entry),
      Date.now(),
    );
    this.scheduleDispatch();
  }

  /** The chat ended or moved on while waiting: take it out of line and withdraw its offer. */
  async remove(conversationId: string): Promise<void> {
    const row = this.waiting(conversationId);
    if (!row) return;
    this.sql('DELETE FROM waiting WHERE conversation_id = ?', conversationId);
    this.sql('DELETE FROM declined WHERE conversation_id = ?', conversationId);
    if (row.offered_to) await agentStub(this.env, row.offered_to).withdrawOffer(conversationId, 'taken');
    this.scheduleDispatch();
  }

  report(agent: AgentReport): void {
    this.sql(
      `INSERT INTO agents (agent_id, available, presence, primary_language, secondary_languages) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (agent_id) DO UPDATE SET available = excluded.available, presence = excluded.presence,
         primary_language = excluded.primary_language, secondary_languages = excluded.secondary_languages`,
      agent.agentId,
      agent.available ? 1 : 0,
      agent.presence,
      agent.primaryLanguage,
      JSON.stringify(agent.secondaryLanguages),
    );
    if (agent.available) this.scheduleDispatch();
  }

  /**
   * What a visitor is told of this queue, in one call: the best any of its agents can say, and
   * while someone is online, how long a chat started now would wait (null until the queue has
   * answered any).
   */
  visitorView(): { presence: Availability; expectedWaitMs: number | null } {
    const rows = this.sql<{ presence: string }>('SELECT DISTINCT presence FROM agents').map((r) => r.presence);
    const presence: Availability = rows.includes('online') ? 'online' : rows.includes('away') ? 'away' : 'offline';
    const perPlace = this.ctx.storage.kv.get<number>('waitPerPlace') ?? null;
    if (presence !== 'online' || perPlace === null) return { presence, expectedWaitMs: null };
    const waiting = this.sql<{ n: number }>('SELECT count(*) AS n FROM waiting')[0]?.n ?? 0;
    return { presence, expectedWaitMs: estimateWait(waiting + 1, perPlace) };
  }

  /** For the reports' Live now: how many wait, and since when the longest has. */
  waitingNow(): { waiting: number; oldestSince: number | null } {
    const [row] = this.sql<{ n: number; oldest: number | null }>('SELECT count(*) AS n, min(enqueued_at) AS oldest FROM waiting');
    return { waiting: row?.n ?? 0, oldestSince: row?.oldest ?? null };
  }

  /** An agent free to be invited into a chat, at random, leaving out those already in it. */
  pickAgent(exclude: string[]): string | null {
    const free = this.sql<{ agent_id: string }>('SELECT agent_id FROM agents WHERE available = 1').filter(
      (a) => !exclude.includes(a.agent_id),
    );
    return free[Math.floor(Math.random() * free.length)]?.agent_id ?? null;
  }

  /** The offered agent accepts: the chat leaves the queue. False if the offer is no longer theirs. */
  claim(conversationId: string, agentId: string): boolean {
    const row = this.waiting(conversationId);
    if (!row || row.offered_to !== agentId || (row.offer_expires_at ?? 0) <= Date.now()) return false;
    // The queue moves up one place per claim: the time between claims is the wait per place.
    // A quiet queue's long gap says nothing of a chat taken at once, hence the smaller of the two.
    const now = Date.now();
    const lastClaimAt = this.ctx.storage.kv.get<number>('lastClaimAt');
    const sample = Math.min(now - row.enqueued_at, lastClaimAt ? now - lastClaimAt : Infinity);
    this.ctx.storage.kv.put('waitPerPlace', nextAverage(this.ctx.storage.kv.get<number>('waitPerPlace') ?? null, sample));
    this.ctx.storage.kv.put('lastClaimAt', now);
    this.sql('DELETE FROM waiting WHERE conversation_id = ?', conversationId);
    this.sql('DELETE FROM declined WHERE conversation_id = ?', conversationId);
    this.sql('UPDATE agents SET last_assigned_at = ? WHERE agent_id = ?', Date.now(), agentId);
    this.scheduleDispatch();
    return true;
  }

  /** The offered agent says no: the chat goes back in line and is offered to someone else. */
  decline(conversationId: string, agentId: string): void {
    const row = this.waiting(conversationId);
    if (!row || row.offered_to !== agentId) return;
    this.withdraw(conversationId, agentId);
    this.scheduleDispatch();
  }

  /** Offers not answered in time count as declined. */
  override async alarm(): Promise<void> {
    const expired = this.sql<WaitingRow>('SELECT * FROM waiting WHERE offered_to IS NOT NULL AND offer_expires_at <= ?', Date.now());
    for (const row of expired) {
      this.withdraw(row.conversation_id, row.offered_to!);
      await agentStub(this.env, row.offered_to!).withdrawOffer(row.conversation_id, 'expired');
    }
    await this.dispatch();
  }

  private withdraw(conversationId: string, agentId: string): void {
    this.setOffer(conversationId, null, null);
    this.sql('INSERT OR IGNORE INTO declined (conversation_id, agent_id) VALUES (?, ?)', conversationId, agentId);
  }

  /**
   * Dispatch is never awaited by the callers above: an offer calls the Agent DO, which may
   * call back here (its availability changed) while this queue is still waiting on it.
   */
  private scheduleDispatch(): void {
    this.ctx.waitUntil(this.dispatch());
  }

  private dispatch(): Promise<void> {
    if (this.dispatching) {
      this.dispatchAgain = true;
      return this.dispatching;
    }
    this.dispatching = (async () => {
      try {
        do {
          this.dispatchAgain = false;
          await this.offerWaitingChats();
        } while (this.dispatchAgain);
        await this.tellPositions();
        await this.scheduleExpiry();
      } catch (err) {
        console.error('[QueueDO.dispatch]', err);
      } finally {
        this.dispatching = null;
      }
    })();
    return this.dispatching;
  }

  private async offerWaitingChats(): Promise<void> {
    const chats = this.sql<WaitingRow>('SELECT * FROM waiting WHERE offered_to IS NULL ORDER BY enqueued_at');
    for (const chat of chats) {
      // Earlier offers awaited other objects; this chat may have been taken meanwhile.
      if (this.waiting(chat.conversation_id)?.offered_to !== null) continue;
      // One offer out per agent from this queue at a time.
      const free = this.sql<AgentRow & { declined: number }>(
        `SELECT a.*, d.agent_id IS NOT NULL AS declined
         FROM agents a LEFT JOIN declined d ON d.agent_id = a.agent_id AND d.conversation_id = ?
         WHERE a.available = 1 AND a.agent_id NOT IN (SELECT offered_to FROM waiting WHERE offered_to IS NOT NULL)`,
        chat.conversation_id,
      );
      if (free.length === 0) return;
      const entry = JSON.parse(chat.entry) as QueueEntry;
      const ranked = rankCandidates(
        free.map((a) => ({
          agentId: a.agent_id,
          lastAssignedAt: a.last_assigned_at,
          declined: a.declined === 1,
          primaryLanguage: a.primary_language,
          secondaryLanguages: JSON.parse(a.secondary_languages) as string[],
        })),
        entry.language,
      );
      for (const candidate of ranked) {
        const { language: _, offerTimeoutMs, ...shown } = entry;
        const offer: Offer = { kind: 'chat', ...shown, expiresAt: Date.now() + offerTimeoutMs };
        // Recorded before the agent hears of it, so an instant accept finds its offer here.
        this.setOffer(chat.conversation_id, candidate.agentId, offer.expiresAt);
        if (await agentStub(this.env, candidate.agentId).offer(offer)) break;
        this.setOffer(chat.conversation_id, null, null);
        // The Agent DO is the authority on capacity; believe it until it says otherwise.
        this.sql('UPDATE agents SET available = 0 WHERE agent_id = ?', candidate.agentId);
      }
    }
  }

  /** Each waiting chat whose place in line changed hears its new place and expected wait. */
  private async tellPositions(): Promise<void> {
    const rows = this.sql<WaitingRow>('SELECT * FROM waiting ORDER BY enqueued_at');
    const perPlace = this.ctx.storage.kv.get<number>('waitPerPlace') ?? null;
    await Promise.all(
      rows.map((row, i) => {
        const position = i + 1;
        if (row.told_position === position) return;
        this.sql('UPDATE waiting SET told_position = ? WHERE conversation_id = ?', position, row.conversation_id);
        return conversationStub(this.env, row.conversation_id).queuePosition(position, estimateWait(position, perPlace));
      }),
    );
  }

  private setOffer(conversationId: string, agentId: string | null, expiresAt: number | null): void {
    this.sql('UPDATE waiting SET offered_to = ?, offer_expires_at = ? WHERE conversation_id = ?', agentId, expiresAt, conversationId);
  }

  private async scheduleExpiry(): Promise<void> {
    const next = this.sql<{ at: number | null }>('SELECT min(offer_expires_at) AS at FROM waiting')[0]?.at;
    if (next) await this.ctx.storage.setAlarm(next);
  }

  private waiting(conversationId: string): WaitingRow | undefined {
    return this.sql<WaitingRow>('SELECT * FROM waiting WHERE conversation_id = ?', conversationId)[0];
  }

  private sql<T extends Record<string, SqlStorageValue>>(query: string, ...params: SqlStorageValue[]): T[] {
    return this.ctx.storage.sql.exec<T>(query, ...params).toArray();
  }
}
