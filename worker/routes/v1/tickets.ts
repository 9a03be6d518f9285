/** Tickets over the public API, through the console's own ticket functions, as the token's admin. */
import { requireAgentRow } from '../../agent/agents';
import { HttpError } from '../../http/errors';
import { Routes } from '../../http/route';
import { requireQueue } from '../../queue/queues';
import { requireSite } from '../../site/sites';
import { answerTicket, createTicket, listTickets, offlineFormQueue, setTicketStatus, ticketFor } from '../../tickets/tickets';
import { scoped } from './scoped';

export const v1TicketRoutes = new Routes('/api/v1')
  .on(...scoped('tickets'), async (c, checked) => c.json(await listTickets(c.env.DB, c.var.agent, checked.query())))
  .on(...scoped('ticket'), async (c) => c.json({ ticket: await ticketFor(c.env.DB, c.var.agent, c.req.param('id')) }))
  .on(...scoped('createTicket'), async (c, checked) => {
    const { siteId, queueId, name, email, message } = await checked.body();
    await requireSite(c.env.DB, siteId);
    if (queueId && (await requireQueue(c.env.DB, queueId)).siteId !== siteId) {
      throw new HttpError(400, { code: 'invalid_request', message: 'queueId: is not a queue of this site', field: 'queueId' });
    }
    const queue = queueId ?? (await offlineFormQueue(c.env.DB, siteId, null));
    const { id } = await createTicket(c.env, { siteId, queueId: queue, visitorId: null, name, email, message });
    return c.json({ ticket: await ticketFor(c.env.DB, c.var.agent, id) }, 201);
  })
  .on(...scoped('replyToTicket'), async (c, checked) => {
    const { text, agentId } = await checked.body();
    // Signed by the agent named, else the token's admin; who may see the ticket stays the token's.
    const signer = agentId ? { ...c.var.agent, name: (await requireAgentRow(c.env.DB, agentId)).name } : c.var.agent;
    return c.json(await answerTicket(c.env, signer, c.req.param('id'), text), 201);
  })
  .on(...scoped('setTicketStatus'), async (c, checked) => {
    const { status } = await checked.body();
    return c.json({ ticket: await setTicketStatus(c.env, c.var.agent, c.req.param('id'), status) });
  });
