/**
 * Attachments, for visitors (by token: header, or `?token=` for links) and agents (by session).
 * Storage and type checks are `files/file-store.ts`; who may see a file is who may see its
 * conversation (`conversation/access.ts`).
 */
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { MAX_ATTACHMENTS, RASTER_IMAGE_TYPES } from '../../protocol/limits';
import { files } from '../../protocol/rest/files';
import { agentForRequest } from '../auth/session';
import { visitorOf } from '../auth/visitor';
import { requireConversationAccess, type Viewer } from '../conversation/access';
import { checkFiles, fileBody, fileRow, storeFile } from '../files/file-store';
import type { AppEnv } from '../http/app-env';
import { HttpError } from '../http/errors';
import { requireOwnOrigin, requireSiteOrigin } from '../http/origin';
import { Routes } from '../http/route';
import { refuseIfBanned } from '../site/bans';
import { requireSite } from '../site/sites';
import { countVisitorAction } from '../visitor/visitor-limits';

const notFound = () => new HttpError(404, { code: 'not_found', message: 'No such file' });

/** The visitor or the signed-in agent making the request. */
async function viewer(c: Context<AppEnv>): Promise<Viewer> {
  const visitor = await visitorOf(c);
  if (visitor) {
    await refuseIfBanned(c.env.DB, visitor.siteId, visitor.visitorId, c.req.raw);
    return { role: 'visitor', visitorId: visitor.visitorId };
  }
  const agent = await agentForRequest(c);
  if (!agent) throw new HttpError(401, { code: 'unauthenticated', message: 'Sign in or send a visitor token' });
  return { role: 'agent', agent };
}

const idOf = (who: Viewer) => (who.role === 'visitor' ? who.visitorId : who.agent.id);

export const fileRoutes = new Routes('/api/files')
  .use(cors({ origin: '*', allowHeaders: ['Authorization'], allowMethods: ['GET', 'POST'] }))
  /** multipart/form-data: `files` (1 to 5), and `private=true` for a private note's files (agents only). */
  .on(files.upload, async (c) => {
    const who = await viewer(c);
    const conversation = await requireConversationAccess(c.env, who, c.req.param('conversationId'));
    if (who.role === 'visitor') {
      requireSiteOrigin(c.req.raw, (await requireSite(c.env.DB, conversation.siteId)).allowedOrigins);
      await countVisitorAction(c.env.DB, 'upload', c.req.raw, who.visitorId);
    } else requireOwnOrigin(c.req.raw);
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
    await checkFiles(files);
    const uploader = { role: who.role, id: idOf(who) };
    const stored = [];
    for (const file of files) stored.push(await storeFile(c.env, conversation.id, uploader, file, isPrivate));
    return c.json({ files: stored }, 201);
  })
  .on(files.download, async (c) => {
    const who = await viewer(c);
    const file = await fileRow(c.env.DB, c.req.param('id'));
    if (!file || (file.private && who.role !== 'agent')) throw notFound();
    // Whatever the reason, a link to a file one may not see answers like a missing file.
    await requireConversationAccess(c.env, who, file.conversationId).catch((err: unknown) => {
      throw err instanceof HttpError ? notFound() : err;
    });
    const object = await fileBody(c.env, file);
    if (!object) throw notFound();
    // Raster images show inline; anything else downloads, so no upload opens as a page of ours.
    const inline = RASTER_IMAGE_TYPES.test(file.type);
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
