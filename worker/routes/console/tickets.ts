/** Tickets in the console: the list, and answering one by email. */
import { Hono } from 'hono';
import { TicketReplyBody, TicketStatusBody, TicketsQuery } from '../../../protocol/api';
import { parseWith } from '../../../protocol/parse';
import { SetLabelsBody } from '../../../protocol/workspace';
import { HttpError } from '../../http/errors';
import { setTicketLabels } from '../../labels/labels';
import type { AppEnv } from '../../http/app-env';
import { readBody } from '../../http/body';
import { answerTicket, listTickets, requireTicket, setTicketStatus } from '../../tickets/tickets';

export const ticketRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const query = parseWith(TicketsQuery, { label: c.req.query('label') });
    if (!query.ok) throw new HttpError(400, query.error);
    return c.json({ tickets: await listTickets(c.env.DB, query.value.label) });
  })
  .put('/:id/labels', async (c) => {
    const { labelIds } = await readBody(c, SetLabelsBody);
    const ticket = await requireTicket(c.env.DB, c.req.param('id'));
    return c.json({ labels: await setTicketLabels(c.env.DB, ticket.id, labelIds) });
  })
  .patch('/:id', async (c) => {
    const { status } = await readBody(c, TicketStatusBody);
    return c.json({ ticket: await setTicketStatus(c.env.DB, c.req.param('id'), status) });
  })
  .post('/:id/reply', async (c) => {
    const { text } = await readBody(c, TicketReplyBody);
    return c.json(await answerTicket(c.env, c.req.param('id'), text, c.var.agent.name), 201);
  });
