/** What visitors may see of an agent: name, department, photo. Public, like a shop's staff page. */
import { Hono } from 'hono';
import type { PublicAgent } from '../../../protocol/visitor-bodies';
import { requireAgentRow } from '../../agent/agents';
import type { AppEnv } from '../../http/app-env';
import { HttpError } from '../../http/errors';

const noAgent = () => new HttpError(404, { code: 'not_found', message: 'No such agent' });

/** Deactivated agents are gone for visitors, as if they never were. */
async function activeAgent(db: D1Database, id: string) {
  const agent = await requireAgentRow(db, id).catch(() => null);
  if (!agent?.active) throw noAgent();
  return agent;
}

export const visitorAgentRoutes = new Hono<AppEnv>()
  .get('/agents/:id', async (c) => {
    const agent = await activeAgent(c.env.DB, c.req.param('id'));
    return c.json<PublicAgent>({ name: agent.name, department: agent.department, hasPhoto: agent.photoKey !== null });
  })
  .get('/agents/:id/photo', async (c) => {
    const id = c.req.param('id');
    await activeAgent(c.env.DB, id);
    const photo = await c.env.FILES.get(`photos/${id}`);
    if (!photo) throw new HttpError(404, { code: 'not_found', message: 'This agent has no photo' });
    const headers = new Headers({ 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' });
    photo.writeHttpMetadata(headers);
    // Only images are served as what they are; anything else downloads as bytes.
    if (!headers.get('Content-Type')?.startsWith('image/')) headers.set('Content-Type', 'application/octet-stream');
    return new Response(photo.body, { headers });
  });
