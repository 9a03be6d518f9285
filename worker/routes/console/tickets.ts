/** Tickets in the console: the list (by label, if asked, a page at a time), their status and labels, and answering one by email. */
import { console } from '../../../protocol/rest/console';
import { Routes } from '../../http/route';
import { answerTicket, labelTicket, listTickets, requireTicket, setTicketStatus } from '../../tickets/tickets';
import { ticketFileBody } from '../../tickets/ticket-files';
import { httpError } from '../../http/errors';

export const ticketRoutes = new Routes('/api/console/tickets')
  .on(console.tickets, async (c, checked) => c.json(await listTickets(c.env.DB, c.var.agent, checked.query())))
  .on(console.setTicketStatus, async (c, checked) => {
    const { status } = await checked.body();
    return c.json({ ticket: await setTicketStatus(c.env, c.var.agent, c.req.param('id'), status) });
  })
  .on(console.setTicketLabels, async (c, checked) => {
    const { labelIds } = await checked.body();
    return c.json({ labels: await labelTicket(c.env, c.var.agent, c.req.param('id'), labelIds) });
  })
  .on(console.ticketFile, async (c) => {
    const ticket = await requireTicket(c.env.DB, c.var.agent, c.req.param('id'));
    const object = await ticketFileBody(c.env, ticket.id, c.req.param('fileId'));
    if (!object) throw httpError(404, 'not_found', 'No such file');
    // A download, never shown in place: it came from outside, by mail.
    const name = object.customMetadata?.name ?? 'file';
    return new Response(object.body, {
      headers: {
        'Content-Type': object.httpMetadata?.contentType ?? 'application/octet-stream',
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  })
  .on(console.replyToTicket, async (c, checked) => {
    const { text } = await checked.body();
    return c.json(await answerTicket(c.env, c.var.agent, c.req.param('id'), text), 201);
  });
