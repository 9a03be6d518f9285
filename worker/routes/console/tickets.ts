/** Tickets in the console: the list, and answering one by email. */
import { Hono } from 'hono';
import { TicketReplyBody, TicketStatusBody } from '../../../protocol/api';
import type { AppEnv } from '../../http/app-env';
import { readBody } from '../../http/body';
import { answerTicket, listTickets, setTicketStatus } from '../../tickets/tickets';

export const ticketRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json({ tickets: await listTickets(c.env.DB) }))
  .patch('/:id', async (c) => {
    const { status } = await readBody(c, TicketStatusBody);
    return c.json({ ticket: await setTicketStatus(c.env.DB, c.req.param('id'), status) });
  })
  .post('/:id/reply', async (c) => {
    const { text } = await readBody(c, TicketReplyBody);
    return c.json(await answerTicket(c.env, c.req.param('id'), text, c.var.agent.name), 201);
  });
