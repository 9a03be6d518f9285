/**
 * The conversation's ordered log in DO SQLite. `seq` is an AUTOINCREMENT key, so numbers only
 * grow and are never reused; `client_id` is unique, so a resent message is found, not stored again.
 */
import type { Author, ChatMessage, SystemEvent } from '../../protocol/chat';

/** What a message carries besides its text, kept as one JSON column (a system line's `actors` too). */
const CONTENT_KEYS = ['attachments', 'choices', 'replyTo', 'card', 'actors', 'via'] as const;

export type NewMessage = Omit<ChatMessage, 'seq'>;

interface Row extends Record<string, SqlStorageValue> {
  seq: number;
  client_id: string;
  author_role: string;
  author_id: string | null;
  author_name: string;
  text: string;
  event: string | null;
  private: number;
  content: string | null;
  at: number;
}

export class MessageLog {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS messages (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      client_id TEXT NOT NULL UNIQUE,
      author_role TEXT NOT NULL,
      author_id TEXT,
      author_name TEXT NOT NULL,
      text TEXT NOT NULL,
      event TEXT,
      private INTEGER NOT NULL DEFAULT 0,
      content TEXT,
      at INTEGER NOT NULL
    )`);
    // Logs made before messages had content lack the column.
    const columns = sql.exec<{ name: string }>('PRAGMA table_info(messages)').toArray();
    if (!columns.some((c) => c.name === 'content')) sql.exec('ALTER TABLE messages ADD COLUMN content TEXT');
  }

  /** Stores the message unless its client id is already stored; either way returns the stored one. */
  append(message: NewMessage): { message: ChatMessage; duplicate: boolean } {
    const existing = this.byClientId(message.clientId);
    if (existing) return { message: existing, duplicate: true };
    const { seq } = this.sql
      .exec<{ seq: number }>(
        `INSERT INTO messages (client_id, author_role, author_id, author_name, text, event, private, content, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
        message.clientId,
        message.author.role,
        message.author.id ?? null,
        message.author.name,
        message.text,
        message.event ?? null,
        message.private ? 1 : 0,
        contentJson(message),
        message.at,
      )
      .one();
    return { message: { ...message, seq }, duplicate: false };
  }

  /** Whether a message with this client id is stored (a resend whose ack was lost). */
  has(clientId: string): boolean {
    return this.sql.exec('SELECT 1 FROM messages WHERE client_id = ?', clientId).toArray().length > 0;
  }

  get lastSeq(): number {
    return this.sql.exec<{ seq: number | null }>('SELECT max(seq) AS seq FROM messages').one().seq ?? 0;
  }

  /** Everything after `seq` that the audience may see; visitors never get private notes. */
  after(seq: number, audience: 'agents' | 'visitor'): ChatMessage[] {
    const query =
      audience === 'agents'
        ? 'SELECT * FROM messages WHERE seq > ? ORDER BY seq'
        : 'SELECT * FROM messages WHERE seq > ? AND private = 0 ORDER BY seq';
    return this.sql.exec<Row>(query, seq).toArray().map(fromRow);
  }

  /** One message by seq, if the audience may see it. */
  get(seq: number, audience: 'agents' | 'visitor'): ChatMessage | undefined {
    const row = this.sql.exec<Row>('SELECT * FROM messages WHERE seq = ?', seq).toArray()[0];
    return row && (audience === 'agents' || !row.private) ? fromRow(row) : undefined;
  }

  /** The last message before `seq` that a visitor can see (0 if none). */
  lastPublicBefore(seq: number): number {
    return this.sql.exec<{ seq: number | null }>('SELECT max(seq) AS seq FROM messages WHERE seq < ? AND private = 0', seq).one().seq ?? 0;
  }

  private byClientId(clientId: string): ChatMessage | undefined {
    const row = this.sql.exec<Row>('SELECT * FROM messages WHERE client_id = ?', clientId).toArray()[0];
    return row && fromRow(row);
  }
}

function fromRow(row: Row): ChatMessage {
  const author: Author = { role: row.author_role as Author['role'], name: row.author_name };
  if (row.author_id) author.id = row.author_id;
  const message: ChatMessage = { seq: row.seq, clientId: row.client_id, author, text: row.text, at: row.at };
  if (row.event) message.event = row.event as SystemEvent;
  if (row.private) message.private = true;
  return row.content ? { ...message, ...(JSON.parse(row.content) as object) } : message;
}

function contentJson(message: NewMessage): string | null {
  const content = Object.fromEntries(CONTENT_KEYS.filter((k) => message[k] !== undefined).map((k) => [k, message[k]]));
  return Object.keys(content).length > 0 ? JSON.stringify(content) : null;
}

/** The content part of a message, for D1's `content` column. */
export function contentOf(message: ChatMessage): Pick<ChatMessage, (typeof CONTENT_KEYS)[number]> | null {
  const json = contentJson(message);
  return json ? (JSON.parse(json) as Pick<ChatMessage, (typeof CONTENT_KEYS)[number]>) : null;
}
