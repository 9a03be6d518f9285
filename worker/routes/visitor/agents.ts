/** What visitors may see of an agent: name, department, photo. Public, like a shop's staff page. */
import { visitor } from '../../../protocol/rest/visitor';
import type { PublicAgent } from '../../../protocol/visitor-bodies';
import { requireAgentRow } from '../../agent/agents';
import { HttpError } from '../../http/errors';
import { Routes } from '../../http/route';

const noAgent = () => new HttpError(404, { code: 'not_found', message: 'No such agent' });

/** Deactivated agents are gone for visitors, as if they never were. */
async function activeAgent(db: D1Database, id: string) {
  const agent = await requireAgentRow(db, id).catch(() => null);
  if (!agent?.active) throw noAgent();
  return agent;
}

export const visitorAgentRoutes = new Routes('/api/visitor')
  .on(visitor.agent, async (c) => {
    const agent = await activeAgent(c.env.DB, c.req.param('id'));
    return c.json<PublicAgent>({ name: agent.name, department: agent.department, hasPhoto: agent.photoKey !== null });
  })
  .on(visitor.agentPhoto, async (c) => {
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
