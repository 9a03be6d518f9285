/**
 * The console's side panels and actions on one conversation: the visitor panel, the History tab,
 * transcripts by email, tickets and bans. Every route checks the agent may see the conversation.
 */
import { eq } from 'drizzle-orm';
import type { TranscriptResponse, VisitorPanel } from '../../../protocol/workspace';
import { console } from '../../../protocol/rest/console';
import { database } from '../../db/client';
import { conversations, visitors } from '../../db/schema';
import { banVisitor } from '../../site/bans';
import { createTicket } from '../../tickets/tickets';
import { conversationStub, siteStub } from '../../env';
import { Routes } from '../../http/route';
import { HttpError } from '../../http/errors';
import { chatMessages, pastConversation, transcriptMail, transcriptText, visitorConversations } from '../../history/transcript';
import { sendMail } from '../../mail/mailer';
import { requireSite } from '../../site/sites';
import { maySee, queueNow, type ConversationRow } from '../../conversation/access';
import { agentViewer, requireChat } from './chat-access';

async function visitorRow(db: D1Database, visitorId: string) {
  const [row] = await database(db).select().from(visitors).where(eq(visitors.id, visitorId)).limit(1);
  return row ?? null;
}

/** The email to write to: the one given in this chat, else the visitor's. */
async function visitorEmail(db: D1Database, chat: ConversationRow): Promise<string | null> {
  return chat.email ?? (await visitorRow(db, chat.visitorId))?.email ?? null;
}

export const consoleChatRoutes = new Routes('/api/console')
  .on(console.visitorPanel, async (c) => {
    const chat = await requireChat(c, c.req.param('id'));
    const [profile, site, live] = await Promise.all([
      visitorRow(c.env.DB, chat.visitorId),
      requireSite(c.env.DB, chat.siteId),
      siteStub(c.env, chat.siteId).visitor(chat.visitorId),
    ]);
    const label = (name: string) => site.survey.find((f) => f.name === name)?.label ?? name;
    return c.json<VisitorPanel>({
      visitorId: chat.visitorId,
      siteId: chat.siteId,
      name: profile?.name || chat.visitorName,
      email: chat.email ?? profile?.email ?? null,
      verified: profile?.verified ?? false,
      answers: Object.entries(chat.answers).map(([name, value]) => ({ name, label: label(name), value })),
      visits: profile?.visits ?? 1,
      live,
    });
  })
  /** The visitor's other conversations, newest first. */
  .on(console.visitorHistory, async (c) => {
    const chat = await requireChat(c, c.req.param('id'));
    // Only the earlier chats this agent may see: another queue's stay out, previews and all.
    const rows = await database(c.env.DB).select().from(conversations).where(eq(conversations.visitorId, chat.visitorId));
    const allowed = new Set<string>();
    for (const row of rows) if (row.id !== chat.id && (await maySee(c.env, agentViewer(c), row))) allowed.add(row.id);
    const past = await visitorConversations(c.env.DB, chat.visitorId);
    return c.json({ conversations: past.filter((p) => allowed.has(p.id)) });
  })
  /** One conversation, read-only, as D1 keeps it. */
  .on(console.transcript, async (c) => {
    const chat = await requireChat(c, c.req.param('id'));
    const summary = (await pastConversation(c.env.DB, chat.id))!;
    return c.json<TranscriptResponse>({
      conversation: { ...summary, visitorName: chat.visitorName },
      messages: await chatMessages(c.env, chat.id, 'agents'),
    });
  })
  /** Mails the visitor what they saw of the chat: private notes stay out. */
  .on(console.emailTranscript, async (c, checked) => {
    const chat = await requireChat(c, c.req.param('id'));
    const body = await checked.body();
    const to = body.to ?? (await visitorEmail(c.env.DB, chat));
    if (!to) throw new HttpError(400, { code: 'invalid_request', message: 'to: the visitor gave no email; enter one', field: 'to' });
    const site = await requireSite(c.env.DB, chat.siteId);
    const status = await sendMail(c.env, { to, fromName: site.name, thread: { kind: 'conversation', id: chat.id }, ...transcriptMail(site.name, await chatMessages(c.env, chat.id, 'visitor')) });
    return c.json({ mail: { to, status } }, 201);
  })
  .on(console.createTicket, async (c, checked) => {
    const chat = await requireChat(c, c.req.param('id'));
    const body = await checked.body();
    const message = body.message || transcriptText(await chatMessages(c.env, chat.id, 'visitor'));
    if (!message) throw new HttpError(400, { code: 'invalid_request', message: 'message: the chat has no messages yet; write one', field: 'message' });
    const email = (await visitorEmail(c.env.DB, chat)) ?? '';
    const queueId = await queueNow(c.env, chat);
    const ticket = await createTicket(c.env, { siteId: chat.siteId, queueId, visitorId: chat.visitorId, name: chat.visitorName, email, message }, c.var.agent.id);
    return c.json({ ticket }, 201);
  })
  /** Bans the visitor (and their IP if asked), closes their widget and ends the chat. */
  .on(console.banVisitor, async (c, checked) => {
    const chat = await requireChat(c, c.req.param('id'));
    const body = await checked.body();
    const { agent } = c.var;
    const ban = await banVisitor(
      c.env,
      { siteId: chat.siteId, visitorId: chat.visitorId, byIp: body.byIp ?? false, reason: body.reason ?? '', conversationId: chat.id },
      agent.id,
    );
    // A supervisor watching from outside the chat bans without ending it for the agents in it.
    const ended = await conversationStub(c.env, chat.id).end({ role: 'agent', id: agent.id, name: agent.name });
    return c.json({ ban, chatEnded: ended.ok }, 201);
  });

