/** A visitor over the public API: what they told us or the site vouched for, and their conversations. */
import { HttpError } from '../../http/errors';
import { Routes } from '../../http/route';
import { exportedVisitor } from '../../visitor/visitor-records';
import { scoped } from './scoped';

export const v1VisitorRoutes = new Routes('/api/v1').on(...scoped('visitor'), async (c) => {
  const visitor = await exportedVisitor(c.env.DB, c.req.param('id'));
  if (!visitor) throw new HttpError(404, { code: 'not_found', message: 'No such visitor' });
  return c.json({ visitor });
});
