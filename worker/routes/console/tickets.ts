/** Tickets in the console: the list (by label, if asked, a page at a time), their status and labels, and answering one by email. */
import { console } from '../../../protocol/rest/console';
import { Routes } from '../../http/route';
import { setTicketLabels } from '../../labels/labels';
import { answerTicket, listTickets, requireTicket, setTicketStatus } from '../../tickets/tickets';

export const ticketRoutes = new Routes('/api/console/tickets')
  .on(console.tickets, async (c, checked) => c.json(await listTickets(c.env.DB, c.var.agent, checked.query())))
  .on(console.setTicketStatus, async (c, checked) => {
    const { status } = await checked.body();
    return c.json({ ticket: await setTicketStatus(c.env, c.var.agent, c.req.param('id'), status) });
  })
  .on(console.setTicketLabels, async (c, checked) => {
    const { labelIds } = await checked.body();
    const ticket = await requireTicket(c.env.DB, c.var.agent, c.req.param('id'));
    return c.json({ labels: await setTicketLabels(c.env.DB, ticket.id, labelIds) });
  })
  .on(console.replyToTicket, async (c, checked) => {
    const { text } = await checked.body();
    return c.json(await answerTicket(c.env, c.var.agent, c.req.param('id'), text), 201);
  });
