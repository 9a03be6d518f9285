/**
 * The local CRM in the console. Contacts are the team's, so any agent may read and add to them;
 * a contact is created from (and linked to) a chat the agent may see.
 */
import { and, eq } from 'drizzle-orm';
import { ulid } from '../../../protocol/ids';
import { console } from '../../../protocol/rest/console';
import type { ChatContactResponse, ContactRecord } from '../../../protocol/workspace';
import { contactForChat, contactRecord } from '../../contacts/contacts';
import { database } from '../../db/client';
import { cases, contactNotes, contacts, conversations } from '../../db/schema';
import { Routes } from '../../http/route';
import { HttpError } from '../../http/errors';
import { requireChat } from './chat-access';

async function requireContact(db: D1Database, id: string): Promise<ContactRecord> {
  const record = await contactRecord(db, id);
  if (!record) throw new HttpError(404, { code: 'not_found', message: 'No such contact' });
  return record;
}

export const consoleContactRoutes = new Routes('/api/console')
  /** The screen pop on accepting a chat. */
  .on(console.chatContact, async (c) => {
    const chat = await requireChat(c, c.req.param('id'));
    return c.json<ChatContactResponse>(await contactForChat(c.env.DB, chat));
  })
  .on(console.createContact, async (c, checked) => {
    const body = await checked.body();
    const chat = await requireChat(c, body.conversationId);
    const db = database(c.env.DB);
    const accountNumber = body.accountNumber || null;
    if (accountNumber) {
      const [taken] = await db
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.siteId, chat.siteId), eq(contacts.accountNumber, accountNumber)))
        .limit(1);
      if (taken) throw new HttpError(409, { code: 'invalid_request', message: 'accountNumber: another contact has this account number', field: 'accountNumber' });
    }
    const id = ulid();
    await db.insert(contacts).values({
      id,
      siteId: chat.siteId,
      name: body.name,
      email: body.email ? body.email : null,
      accountNumber,
      phone: body.phone || null,
      createdAt: Date.now(),
    });
    await db.update(conversations).set({ contactId: id }).where(eq(conversations.id, chat.id));
    return c.json<ContactRecord>(await requireContact(c.env.DB, id), 201);
  })
  .on(console.contact, async (c) => c.json<ContactRecord>(await requireContact(c.env.DB, c.req.param('id'))))
  .on(console.addContactNote, async (c, checked) => {
    const { contact } = await requireContact(c.env.DB, c.req.param('id'));
    const { text } = await checked.body();
    await database(c.env.DB).insert(contactNotes).values({ id: ulid(), contactId: contact.id, agentId: c.var.agent.id, text, createdAt: Date.now() });
    return c.json<ContactRecord>(await requireContact(c.env.DB, contact.id), 201);
  })
  .on(console.addContactCase, async (c, checked) => {
    const { contact } = await requireContact(c.env.DB, c.req.param('id'));
    const { title } = await checked.body();
    await database(c.env.DB).insert(cases).values({ id: ulid(), contactId: contact.id, title, createdAt: Date.now() });
    return c.json<ContactRecord>(await requireContact(c.env.DB, contact.id), 201);
  });
