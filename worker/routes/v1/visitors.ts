/** A visitor over the public API: what they told us or the site vouched for, and their conversations. */
import { eq } from 'drizzle-orm';
import { database } from '../../db/client';
import { visitors } from '../../db/schema';
import { visitorConversations } from '../../history/transcript';
import { HttpError } from '../../http/errors';
import { Routes } from '../../http/route';
import { scoped } from './scoped';

export const v1VisitorRoutes = new Routes('/api/v1').on(...scoped('visitor'), async (c) => {
  const [row] = await database(c.env.DB).select().from(visitors).where(eq(visitors.id, c.req.param('id'))).limit(1);
  if (!row) throw new HttpError(404, { code: 'not_found', message: 'No such visitor' });
  const chats = await visitorConversations(c.env.DB, row.id);
  return c.json({
    visitor: {
      id: row.id,
      siteId: row.siteId,
      name: row.name,
      email: row.email,
      verified: row.verified,
      conversations: chats.map(({ id, status, createdAt }) => ({ id, status, createdAt })),
    },
  });
});
