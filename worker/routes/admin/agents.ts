/** Agents: list, invite by email, change (role, queues, capacity, languages, profile, active), reset password, photo. */
import { eq } from 'drizzle-orm';
import { MAX_PHOTO_BYTES, PHOTO_TYPES, type AdminAgent, type InviteResponse } from '../../../protocol/admin-api';
import { admin } from '../../../protocol/rest/admin';
import { listAgents, refreshAgent, requireAgentRow, signOutEverywhere } from '../../agent/agents';
import { requireQueues } from '../../queue/queues';
import { audit } from '../../audit/audit';
import { createInvite } from '../../auth/invites';
import { hashPassword } from '../../auth/password';
import { requireRole } from '../../auth/roles';
import { database } from '../../db/client';
import { agents, queueMembers } from '../../db/schema';
import { agentStub } from '../../env';
import { Routes } from '../../http/route';
import { HttpError } from '../../http/errors';
import { ownOrigin } from '../../http/origin';
import { sendMail } from '../../mail/mailer';

export const photoKey = (agentId: string) => `photos/${agentId}`;

const one = async (db: D1Database, id: string): Promise<AdminAgent> => (await listAgents(db, [id]))[0]!;

export const agentAdminRoutes = new Routes('/api/admin/agents')
  .use(requireRole('admin'))
  .on(admin.agents, async (c) => c.json({ agents: await listAgents(c.env.DB) }))
  .on(admin.inviteAgent, async (c, checked) => {
    const body = await checked.body();
    await requireQueues(c.env.DB, body.queueIds);
    const token = await createInvite(c.env.DB, { ...body, createdBy: c.var.agent.id });
    const link = `${ownOrigin(c.req.raw)}/console/join?token=${token}`;
    const mail = await sendMail(c.env, {
      to: body.email,
      subject: 'You are invited to answer chats on Parley',
      text: `Hello ${body.name},\n\n${c.var.agent.name} invited you to Parley as ${body.role === 'agent' ? 'an agent' : `a ${body.role}`}.\nChoose your password here (the link works for 7 days):\n\n${link}\n`,
    });
    await audit(c.env.DB, c.var.agent.id, 'agent.invited', body.email, { name: body.name, role: body.role, queueIds: body.queueIds });
    return c.json<InviteResponse>({ link, mail }, 201);
  })
  .on(admin.updateAgent, async (c, checked) => {
    const id = c.req.param('id');
    const body = await checked.body();
    await requireAgentRow(c.env.DB, id);
    if (id === c.var.agent.id && body.active === false) throw selfLockout('active', 'You cannot deactivate your own account');
    if (id === c.var.agent.id && body.role && body.role !== 'admin') throw selfLockout('role', 'You cannot take away your own admin role');
    const { queueIds, ...fields } = body;
    if (queueIds) await requireQueues(c.env.DB, queueIds);
    const db = database(c.env.DB);
    if (Object.keys(fields).length) {
      const department = fields.department === '' ? null : fields.department;
      await db.update(agents).set({ ...fields, ...(department !== undefined && { department }) }).where(eq(agents.id, id));
    }
    if (queueIds) {
      await db.batch([
        db.delete(queueMembers).where(eq(queueMembers.agentId, id)),
        ...queueIds.map((queueId) => db.insert(queueMembers).values({ queueId, agentId: id })),
      ]);
    }
    if (body.active === false) {
      // Deactivated: no session or open console works any more, and no chat is offered to them.
      await signOutEverywhere(c.env, id);
      await agentStub(c.env, id).setStatus('offline');
    }
    await refreshAgent(c.env, id);
    await audit(c.env.DB, c.var.agent.id, body.active === false ? 'agent.deactivated' : 'agent.updated', id, body);
    return c.json({ agent: await one(c.env.DB, id) });
  })
  .on(admin.resetPassword, async (c, checked) => {
    const id = c.req.param('id');
    const { password } = await checked.body();
    await requireAgentRow(c.env.DB, id);
    await database(c.env.DB).update(agents).set({ passwordHash: await hashPassword(password) }).where(eq(agents.id, id));
    await signOutEverywhere(c.env, id);
    await audit(c.env.DB, c.var.agent.id, 'agent.password_reset', id);
    return c.body(null, 204);
  })
  /** multipart/form-data with one image `photo` (PNG, JPEG, GIF or WebP, at most 2 MB). */
  .on(admin.setAgentPhoto, async (c) => {
    const id = c.req.param('id');
    await requireAgentRow(c.env.DB, id);
    let photo: File | string | null = null;
    try {
      photo = (await c.req.formData()).get('photo');
    } catch {
      // Reported below, as a missing photo.
    }
    if (!photo || typeof photo === 'string') throw new HttpError(400, { code: 'invalid_request', message: 'photo: send an image as multipart/form-data', field: 'photo' });
    if (!PHOTO_TYPES.test(photo.type)) throw new HttpError(415, { code: 'unsupported_file_type', message: 'photo: must be a PNG, JPEG, GIF or WebP image', field: 'photo' });
    if (photo.size > MAX_PHOTO_BYTES) throw new HttpError(413, { code: 'file_too_large', message: 'photo: must be at most 2 MB', field: 'photo' });
    await c.env.FILES.put(photoKey(id), photo.stream(), { httpMetadata: { contentType: photo.type } });
    await database(c.env.DB).update(agents).set({ photoKey: photoKey(id) }).where(eq(agents.id, id));
    await audit(c.env.DB, c.var.agent.id, 'agent.photo_changed', id, { type: photo.type, size: photo.size });
    return c.json({ agent: await one(c.env.DB, id) });
  })
  .on(admin.agentPhoto, async (c) => {
    const object = await c.env.FILES.get(photoKey(c.req.param('id')));
    if (!object) throw new HttpError(404, { code: 'not_found', message: 'No photo' });
    return new Response(object.body, {
      headers: { 'Content-Type': object.httpMetadata?.contentType ?? 'application/octet-stream', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, no-cache' },
    });
  });

const selfLockout = (field: string, message: string) => new HttpError(400, { code: 'invalid_request', message, field });
