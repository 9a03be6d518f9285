/**
 * Attachments: uploaded to R2 before the message that carries them, then named in the message
 * frame by id. A file belongs to one conversation; only its visitor and its agents may fetch it,
 * and a private file (sent in a private note) only its agents.
 */
import { eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import type { Attachment } from '../../protocol/chat';
import { ulid } from '../../protocol/ids';
import { FILE_TYPES, MAX_ATTACHMENTS, MAX_FILE_BYTES } from '../../protocol/limits';
import { agentForRequest } from '../auth/session';
import { visitorOf } from '../auth/visitor';
import { database } from '../db/client';
import { attachments, conversations } from '../db/schema';
import { conversationStub } from '../env';
import type { AppEnv } from '../http/app-env';
import { HttpError } from '../http/errors';
import { requireOwnOrigin, requireSiteOrigin } from '../http/origin';
import { requireSite } from '../sites/sites';
import { refuseIfBanned } from '../visitors/bans';

type Caller = { role: 'visitor'; id: string } | { role: 'agent'; id: string; seesAll: boolean };

const notFound = () => new HttpError(404, { code: 'not_found', message: 'No such file' });

/** The visitor (by token: header, or `?token=` for links) or the signed-in agent making the request. */
async function caller(c: Context<AppEnv>): Promise<Caller> {
  const visitor = await visitorOf(c);
  if (visitor) {
    await refuseIfBanned(c.env.DB, visitor.siteId, visitor.visitorId, c.req.raw);
    return { role: 'visitor', id: visitor.visitorId };
  }
  const agent = await agentForRequest(c);
  if (!agent) throw new HttpError(401, { code: 'unauthenticated', message: 'Sign in or send a visitor token' });
  return { role: 'agent', id: agent.id, seesAll: agent.role !== 'agent' };
}

/** Refuses callers who are not the conversation's visitor or one of its agents, as if it did not exist. */
async function requireAccess(c: Context<AppEnv>, who: Caller, conversationId: string) {
  const [row] = await database(c.env.DB).select().from(conversations).where(eq(conversations.id, conversationId)).limit(1);
  if (!row) throw notFound();
  if (who.role === 'visitor') {
    if (row.visitorId !== who.id) throw notFound();
    return row;
  }
  if (who.seesAll) return row;
  const summary = await conversationStub(c.env, conversationId).summary();
  if (!summary?.agents.some((a) => a.id === who.id)) throw notFound();
  return row;
}

function checkFile(file: File, index: number): void {
  const field = `files.${index}`;
  if (!FILE_TYPES.test(file.type)) {
    throw new HttpError(415, {
      code: 'unsupported_file_type',
      message: `${file.name}: only text, PDF and images (PNG, JPEG, GIF, WebP) can be sent`,
      field,
    });
  }
  if (file.size > MAX_FILE_BYTES) {
    throw new HttpError(413, { code: 'file_too_large', message: `${file.name}: files may be at most 20 MB`, field });
  }
}

export const fileRoutes = new Hono<AppEnv>()
  .use(cors({ origin: '*', allowHeaders: ['Authorization'], allowMethods: ['GET', 'POST'] }))
  /** multipart/form-data: `files` (1 to 5), and `private=true` for a private note's files (agents only). */
  .post('/conversations/:conversationId', async (c) => {
    const who = await caller(c);
    const conversation = await requireAccess(c, who, c.req.param('conversationId'));
    if (who.role === 'visitor') requireSiteOrigin(c.req.raw, (await requireSite(c.env.DB, conversation.siteId)).allowedOrigins);
    else requireOwnOrigin(c.req.raw);
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      throw new HttpError(400, { code: 'invalid_request', message: 'Send the files as multipart/form-data' });
    }
    const files = form.getAll('files').filter((f): f is File => typeof f !== 'string');
    if (files.length === 0) throw new HttpError(400, { code: 'invalid_request', message: 'files: must not be empty', field: 'files' });
    if (files.length > MAX_ATTACHMENTS) {
      throw new HttpError(400, { code: 'too_many_files', message: `At most ${MAX_ATTACHMENTS} files per message`, field: 'files' });
    }
    const isPrivate = form.get('private') === 'true';
    if (isPrivate && who.role !== 'agent') throw new HttpError(403, { code: 'forbidden', message: 'Only agents send private files', field: 'private' });
    files.forEach(checkFile);

    const stub = conversationStub(c.env, conversation.id);
    const stored: Attachment[] = [];
    for (const file of files) {
      const attachment: Attachment = { id: ulid(), name: file.name.slice(0, 200) || 'file', type: file.type, size: file.size };
      await c.env.FILES.put(fileKey(conversation.id, attachment.id), file.stream(), { httpMetadata: { contentType: file.type } });
      await database(c.env.DB).insert(attachments).values({
        ...attachment,
        conversationId: conversation.id,
        uploaderRole: who.role,
        uploaderId: who.id,
        private: isPrivate,
        createdAt: Date.now(),
      });
      await stub.registerAttachment(who.id, attachment);
      stored.push(attachment);
    }
    return c.json({ files: stored }, 201);
  })
  .get('/:id', async (c) => {
    const who = await caller(c);
    const [file] = await database(c.env.DB).select().from(attachments).where(eq(attachments.id, c.req.param('id'))).limit(1);
    if (!file || (file.private && who.role !== 'agent')) throw notFound();
    await requireAccess(c, who, file.conversationId);
    const object = await c.env.FILES.get(fileKey(file.conversationId, file.id));
    if (!object) throw notFound();
    // Images and PDFs show inline; anything else downloads, so no upload runs as a page of ours.
    const inline = file.type.startsWith('image/') || file.type === 'application/pdf';
    return new Response(object.body, {
      headers: {
        'Content-Type': file.type,
        'Content-Length': String(file.size),
        'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cache-Control': 'private, max-age=3600',
      },
    });
  });

/** Where a conversation's files live in R2; retention deletes everything under it. */
export const filesPrefix = (conversationId: string) => `files/${conversationId}/`;
const fileKey = (conversationId: string, fileId: string) => `${filesPrefix(conversationId)}${fileId}`;
