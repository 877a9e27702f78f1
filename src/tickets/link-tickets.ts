import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { deleteLink, insertLink, selectTicket } from './tickets.queries.ts';

export async function linkTickets(ctx: Ctx, ticketId: number, otherId: number): Promise<void> {
  requirePermission(ctx.actor, 'tickets.update');
  if (ticketId === otherId) throw invalid('ticketId', 'a ticket cannot be linked to itself');
  await withTransaction(ctx.db, async (tx) => {
    if (!(await selectTicket(tx, ticketId))) throw notFound('ticket');
    if (!(await selectTicket(tx, otherId))) throw invalid('ticketId', `ticket #${otherId} does not exist`);
    if (await insertLink(tx, ticketId, otherId, 'related')) {
      await recordAudit(tx, ctx.actor, { action: 'ticket.linked', entityType: 'ticket', entityId: ticketId, after: { linkedTicketId: otherId } });
    }
  });
}

export async function unlinkTickets(ctx: Ctx, ticketId: number, otherId: number): Promise<void> {
  requirePermission(ctx.actor, 'tickets.update');
  await withTransaction(ctx.db, async (tx) => {
    if (!(await deleteLink(tx, ticketId, otherId))) throw notFound('link');
    await recordAudit(tx, ctx.actor, { action: 'ticket.unlinked', entityType: 'ticket', entityId: ticketId, before: { linkedTicketId: otherId } });
  });
}
