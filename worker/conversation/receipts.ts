/**
 * How far each side has received and read the conversation, as high-water sequence numbers.
 * They only move forward, never past the last message, and reading implies receiving.
 */
import type { ParticipantRole, Receipts } from '../../protocol/chat';

export class ReceiptBook {
  /** Read once per instance, then kept in step with every write. */
  private cached: Receipts | undefined;

  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS receipts (
      role TEXT PRIMARY KEY, delivered INTEGER NOT NULL DEFAULT 0, read INTEGER NOT NULL DEFAULT 0
    )`);
  }

  get(): Receipts {
    if (this.cached) return this.cached;
    const receipts: Receipts = { visitor: { delivered: 0, read: 0 }, agent: { delivered: 0, read: 0 } };
    const rows = this.sql.exec<{ role: ParticipantRole; delivered: number; read: number }>('SELECT * FROM receipts').toArray();
    for (const { role, delivered, read } of rows) receipts[role] = { delivered, read };
    this.cached = receipts;
    return receipts;
  }

  /** Moves one side's mark forward; false when that changes nothing. */
  advance(role: ParticipantRole, kind: 'delivered' | 'read', seq: number, lastSeq: number): boolean {
    const current = this.get()[role];
    const upTo = Math.min(seq, lastSeq);
    const next = {
      delivered: Math.max(current.delivered, upTo),
      read: kind === 'read' ? Math.max(current.read, upTo) : current.read,
    };
    if (next.delivered === current.delivered && next.read === current.read) return false;
    this.sql.exec(
      'INSERT OR REPLACE INTO receipts (role, delivered, read) VALUES (?, ?, ?)',
      role,
      next.delivered,
      next.read,
    );
    this.cached = { ...this.get(), [role]: next };
    return true;
  }
}
