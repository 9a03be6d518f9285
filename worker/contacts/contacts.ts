/** The local CRM: contacts with notes and cases, and the match that opens one when a chat is accepted. */
import { and, asc, desc, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import { ulid } from '../../protocol/ids';
import type { Page } from '../../protocol/public-api';
import type { ChatContactResponse, Contact, ContactRecord } from '../../protocol/workspace';
import type { Env } from '../env';
import { HttpError } from '../http/errors';
import { publishLater } from '../webhooks/publish';
import { database } from '../db/client';
import { agents, cases, contactNotes, contacts, sites, visitors } from '../db/schema';
import type { ConversationRow } from '../conversation/access';

export async function contactRecord(db: D1Database, id: string): Promise<ContactRecord | null> {
  const d = database(db);
  const [contact] = await d.select().from(contacts).where(eq(contacts.id, id)).limit(1);
  if (!contact) return null;
  const [notes, caseRows] = await Promise.all([
    d
      .select({ id: contactNotes.id, text: contactNotes.text, createdAt: contactNotes.createdAt, agentName: agents.name })
      .from(contactNotes)
      .leftJoin(agents, eq(agents.id, contactNotes.agentId))
      .where(eq(contactNotes.contactId, id))
      .orderBy(desc(contactNotes.createdAt)),
    d.select({ id: cases.id, title: cases.title, status: cases.status, createdAt: cases.createdAt }).from(cases).where(eq(cases.contactId, id)).orderBy(desc(cases.createdAt)),
  ]);
  return { contact, notes: notes.map((n) => ({ ...n, agentName: n.agentName ?? 'Former agent' })), cases: caseRows };
}

/** The account number the visitor gave: the survey's `account` field, or a field named "account". */
async function accountAnswer(db: D1Database, chat: ConversationRow): Promise<string | null> {
  const [site] = await database(db).select({ survey: sites.survey }).from(sites).where(eq(sites.id, chat.siteId)).limit(1);
  const field = site?.survey.find((f) => f.kind === 'account')?.name ?? 'account';
  return chat.answers[field]?.trim() || null;
}

async function emailOf(db: D1Database, chat: ConversationRow): Promise<string | null> {
  if (chat.email) return chat.email;
  const [visitor] = await database(db).select({ email: visitors.email }).from(visitors).where(eq(visitors.id, chat.visitorId)).limit(1);
  return visitor?.email ?? null;
}

async function findBy(db: D1Database, siteId: string, column: typeof contacts.accountNumber | typeof contacts.email, value: string): Promise<Contact | null> {
  const [row] = await database(db).select().from(contacts).where(and(eq(contacts.siteId, siteId), eq(column, value))).limit(1);
  return row ?? null;
}

/** The screen pop: the chat's linked contact, else one matching the account number, else the email. */
export async function contactForChat(db: D1Database, chat: ConversationRow): Promise<ChatContactResponse> {
  const [account, email] = await Promise.all([accountAnswer(db, chat), emailOf(db, chat)]);
  if (chat.contactId) {
    const linked = await contactRecord(db, chat.contactId);
    if (linked) return { match: linked, matchedBy: account && linked.contact.accountNumber === account ? 'account' : 'email' };
  }
  const byAccount = account ? await findBy(db, chat.siteId, contacts.accountNumber, account) : null;
  const found = byAccount ?? (email ? await findBy(db, chat.siteId, contacts.email, email.toLowerCase()) : null);
  if (found) return { match: (await contactRecord(db, found.id))!, matchedBy: byAccount ? 'account' : 'email' };
  const named = !/^Visitor [0-9A-Z]{4}$/.test(chat.visitorName);
  return { match: null, draft: { name: named ? chat.visitorName : '', email, accountNumber: account } };
}

export interface ContactFields {
  name: string;
  email?: string | null | undefined;
  accountNumber?: string | null | undefined;
  phone?: string | null | undefined;
}

/** An account number names one contact per site: 409 when another has it. */
async function refuseTakenAccount(db: D1Database, siteId: string, accountNumber: string | null | undefined, self?: string): Promise<void> {
  if (!accountNumber) return;
  const taken = await findBy(db, siteId, contacts.accountNumber, accountNumber);
  if (taken && taken.id !== self) throw new HttpError(409, { code: 'invalid_request', message: 'accountNumber: another contact has this account number', field: 'accountNumber' });
}

/** Empty text is no value: the CRM keeps null, so matching by email or account never matches "". */
const orNull = (value: string | null | undefined) => (value ? value : null);

/** Webhooks hear of every change to a contact (made, changed, a note or case added), with the contact as it is now. */
export function contactChanged(env: Env, record: ContactRecord): ContactRecord {
  publishLater(env, { id: `evt_contact_${record.contact.id}_${ulid()}`, type: 'contact.updated', at: Date.now(), data: { contact: record.contact } });
  return record;
}

export async function createContact(env: Env, siteId: string, fields: ContactFields): Promise<ContactRecord> {
  const db = env.DB;
  await refuseTakenAccount(db, siteId, fields.accountNumber);
  const id = ulid();
  await database(db)
    .insert(contacts)
    .values({ id, siteId, name: fields.name, email: orNull(fields.email), accountNumber: orNull(fields.accountNumber), phone: orNull(fields.phone), createdAt: Date.now() });
  return contactChanged(env, (await contactRecord(db, id))!);
}

/** Changes the fields given; a field given as null (or empty) is cleared. */
export async function updateContact(env: Env, id: string, fields: Partial<ContactFields>): Promise<ContactRecord> {
  const db = env.DB;
  const [current] = await database(db).select().from(contacts).where(eq(contacts.id, id)).limit(1);
  if (!current) throw new HttpError(404, { code: 'not_found', message: 'No such contact' });
  await refuseTakenAccount(db, current.siteId, fields.accountNumber, id);
  const set = {
    ...(fields.name !== undefined ? { name: fields.name } : {}),
    ...(fields.email !== undefined ? { email: orNull(fields.email) } : {}),
    ...(fields.accountNumber !== undefined ? { accountNumber: orNull(fields.accountNumber) } : {}),
    ...(fields.phone !== undefined ? { phone: orNull(fields.phone) } : {}),
  };
  if (Object.keys(set).length) await database(db).update(contacts).set(set).where(eq(contacts.id, id));
  return contactChanged(env, (await contactRecord(db, id))!);
}

export interface ContactSearch {
  q?: string | undefined;
  email?: string | undefined;
  accountNumber?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** Contacts by exact email or account number, or by a prefix of name, email or account; oldest first, a page at a time. */
export async function listContacts(db: D1Database, search: ContactSearch): Promise<Page<Contact>> {
  const limit = search.limit ?? 50;
  const where: Array<SQL | undefined> = [];
  if (search.email) where.push(eq(contacts.email, search.email));
  if (search.accountNumber) where.push(eq(contacts.accountNumber, search.accountNumber));
  if (search.q) {
    const prefix = `${search.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const like = (column: typeof contacts.name | typeof contacts.email | typeof contacts.accountNumber) => sql`${column} LIKE ${prefix} ESCAPE '\\'`;
    where.push(or(like(contacts.name), like(contacts.email), like(contacts.accountNumber)));
  }
  if (search.cursor) {
    const dot = search.cursor.indexOf('.');
    const [at, id] = [Number(search.cursor.slice(0, dot)), search.cursor.slice(dot + 1)];
    where.push(or(gt(contacts.createdAt, at), and(eq(contacts.createdAt, at), gt(contacts.id, id))));
  }
  const rows = await database(db)
    .select()
    .from(contacts)
    .where(and(...where))
    .orderBy(asc(contacts.createdAt), asc(contacts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { data: page, next: rows.length > limit && last ? `${last.createdAt}.${last.id}` : null };
}
