/** Tickets in the console: the list, and answering one by email. */
import { console } from '../../../protocol/rest/console';
import { Routes } from '../../http/route';
import { answerTicket, listTickets } from '../../tickets/tickets';

export const ticketRoutes = new Routes('/api/console/tickets')
  .on(console.tickets, async (c) => c.json({ tickets: await listTickets(c.env.DB) }))
  .on(console.replyToTicket, async (c, checked) => {
    const { text } = await checked.body();
    return c.json(await answerTicket(c.env, c.req.param('id'), text, c.var.agent.name), 201);
  });
