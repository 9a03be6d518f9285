/** The local CRM: contacts with notes and cases, and the match that opens one when a chat is accepted. */
import { and, desc, eq } from 'drizzle-orm';
import type { ChatContactResponse, Contact, ContactRecord } from '../../protocol/workspace';
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
