/**
 * Write-through to D1 that survives D1 being down. Each change is put in the outbox in the
 * same DO transaction as the change itself; a flush copies a batch to D1 and deletes it from
 * the outbox only once D1 has it. A failed flush leaves the rows and asks for a retry later.
 * D1 writes are idempotent (INSERT OR IGNORE, UPDATE to a state), so a repeat is harmless.
 */
import type { ChatMessage, ConversationStatus } from '../../protocol/chat';
import { database } from '../db/client';
import { conversations, messages } from '../db/schema';
import { eq } from 'drizzle-orm';
import { ulid } from '../../protocol/ids';
import { contentOf } from './message-log';
import type { ReportEvent } from '../reports/events';
import { reportStatements } from '../reports/record';

export type OutboxEntry =
  | { kind: 'message'; conversationId: string; message: ChatMessage }
  | { kind: 'status'; conversationId: string; status: ConversationStatus; queueId: string; agentId: string | null; at: number }
  /** A missed chat becomes a ticket, addressed to the email the chat or the visitor gave. */
  | { kind: 'ticket'; conversationId: string; name: string; message: string; at: number }
  /** A moment the reports count (worker/reports/events.ts). */
  | ReportEvent;

const BATCH = 50;

export class D1Outbox {
  /** Flushes run one after another, so two never copy the same rows at once. */
  private last: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly sql: SqlStorage,
    private readonly db: D1Database,
    /** Told of each batch once D1 has it, before it leaves the outbox (webhooks); if it throws, the batch is retried. */
    private readonly written: (entries: OutboxEntry[]) => Promise<void> = async () => {},
  ) {
    sql.exec('CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, entry TEXT NOT NULL)');
  }

  add(entry: OutboxEntry): void {
    this.sql.exec('INSERT INTO outbox (entry) VALUES (?)', JSON.stringify(entry));
  }

  /** Copies everything pending to D1. Resolves true when the outbox is empty. */
  flush(): Promise<boolean> {
    const run = this.last.then(() => this.flushAll());
    this.last = run.catch(() => undefined);
    return run;
  }

  private async flushAll(): Promise<boolean> {
    for (;;) {
      const rows = this.sql
        .exec<{ id: number; entry: string }>('SELECT id, entry FROM outbox ORDER BY id LIMIT ?', BATCH)
        .toArray();
      if (rows.length === 0) return true;
      try {
        const entries = rows.map((r) => JSON.parse(r.entry) as OutboxEntry);
        await this.write(entries);
        await this.written(entries);
      } catch (err) {
        console.error('[D1Outbox.flush] D1 write (or the webhook hand-off) failed; will retry', err);
        return false;
      }
      this.sql.exec('DELETE FROM outbox WHERE id <= ?', rows[rows.length - 1]!.id);
    }
  }

  private async write(entries: OutboxEntry[]): Promise<void> {
    const db = database(this.db);
    const statements = entries.flatMap((e) =>
      e.kind === 'ticket' || e.kind === 'report'
        ? []
        : e.kind === 'message'
        ? db
            .insert(messages)
            .values({
              conversationId: e.conversationId,
              seq: e.message.seq,
              clientId: e.message.clientId,
              authorRole: e.message.author.role,
              authorId: e.message.author.id ?? null,
              authorName: e.message.author.name,
              text: e.message.text,
              event: e.message.event ?? null,
              private: e.message.private ?? false,
              content: contentOf(e.message),
              createdAt: e.message.at,
            })
            .onConflictDoNothing()
        : db
            .update(conversations)
            .set({ status: e.status, queueId: e.queueId, agentId: e.agentId, updatedAt: e.at })
            .where(eq(conversations.id, e.conversationId)),
    );
    // One batch with the reports' statements, which are plain D1 ones: drizzle's are turned into the same.
    const reports = reportStatements(this.db, entries.filter((e): e is ReportEvent => e.kind === 'report'));
    const all = [...statements.map((s) => { const q = s.toSQL(); return this.db.prepare(q.sql).bind(...q.params); }), ...reports];
    if (all.length) await this.db.batch(all);
    // After the batch, so the conversation's row is there (its queue too: the ticket is that queue's);
    // one ticket per chat, so a retry adds none.
    for (const e of entries) {
      if (e.kind !== 'ticket') continue;
      await this.db
        .prepare(
          `INSERT OR IGNORE INTO tickets (id, site_id, queue_id, visitor_id, name, email, message, status, conversation_id, created_at)
           SELECT ?1, c.site_id, c.queue_id, c.visitor_id, ?2, COALESCE(c.email, v.email, ''), ?3, 'open', c.id, ?4
           FROM conversations c LEFT JOIN visitors v ON v.id = c.visitor_id WHERE c.id = ?5`,
        )
        .bind(ulid(), e.name, e.message, e.at, e.conversationId)
        .run();
    }
  }
}
