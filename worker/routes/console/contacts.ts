/**
 * The local CRM in the console. Contacts are the team's, so any agent may read and add to them;
 * a contact is created from (and linked to) a chat the agent may see.
 */
import { eq } from 'drizzle-orm';
import { ulid } from '../../../protocol/ids';
import { console } from '../../../protocol/rest/console';
import type { ChatContactResponse, ContactRecord } from '../../../protocol/workspace';
import { contactChanged, contactForChat, contactRecord, createContact } from '../../contacts/contacts';
import { database } from '../../db/client';
import { cases, contactNotes, conversations } from '../../db/schema';
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
    const record = await createContact(c.env, chat.siteId, body);
    await database(c.env.DB).update(conversations).set({ contactId: record.contact.id }).where(eq(conversations.id, chat.id));
    return c.json<ContactRecord>(record, 201);
  })
  .on(console.contact, async (c) => c.json<ContactRecord>(await requireContact(c.env.DB, c.req.param('id'))))
  .on(console.addContactNote, async (c, checked) => {
    const { contact } = await requireContact(c.env.DB, c.req.param('id'));
    const { text } = await checked.body();
    await database(c.env.DB).insert(contactNotes).values({ id: ulid(), contactId: contact.id, agentId: c.var.agent.id, text, createdAt: Date.now() });
    return c.json<ContactRecord>(contactChanged(c.env, await requireContact(c.env.DB, contact.id)), 201);
  })
  .on(console.addContactCase, async (c, checked) => {
    const { contact } = await requireContact(c.env.DB, c.req.param('id'));
    const { title } = await checked.body();
    await database(c.env.DB).insert(cases).values({ id: ulid(), contactId: contact.id, title, createdAt: Date.now() });
    return c.json<ContactRecord>(contactChanged(c.env, await requireContact(c.env.DB, contact.id)), 201);
  });
