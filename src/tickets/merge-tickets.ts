import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError, invalid, notFound } from '../platform/errors.ts';
import { normalizeTags } from '../platform/tags.ts';
import { insertLink, insertMessage, moveMessages, selectTicket, updateTicketRow } from './tickets.queries.ts';
import type { Ticket } from './tickets.types.ts';

/**
 * Merges duplicates into one ticket: their messages move to the target (the thread
 * stays complete in one place), their tags join it, and each source is closed with a
 * pointer to the target so links and replies to it can be followed.
 */
export async function mergeTickets(ctx: Ctx, targetId: number, sourceIds: number[]): Promise<Ticket> {
  requirePermission(ctx.actor, 'tickets.merge');
  const sources = [...new Set(sourceIds)];
  if (sources.length === 0) throw invalid('sourceIds', 'name at least one ticket to merge');
  if (sources.includes(targetId)) throw invalid('sourceIds', 'a ticket cannot be merged into itself');

  await withTransaction(ctx.db, async (tx) => {
    // Lock in id order so two merges of overlapping tickets cannot deadlock.
    const locked = new Map<number, Ticket>();
    for (const id of [targetId, ...sources].sort((a, b) => a - b)) {
      const ticket = await selectTicket(tx, id, true);
      if (!ticket) throw id === targetId ? notFound('ticket') : invalid('sourceIds', `ticket #${id} does not exist`);
      if (ticket.mergedIntoId) throw new AppError('conflict', `ticket #${id} was already merged into #${ticket.mergedIntoId}`, id === targetId ? 'id' : 'sourceIds');
      locked.set(id, ticket);
    }
    const target = locked.get(targetId) as Ticket;
    if (target.status === 'closed') throw new AppError('conflict', 'cannot merge into a closed ticket', 'id');
    let tags = target.tags;
    for (const sourceId of sources) {
      const source = locked.get(sourceId) as Ticket;
      const moved = await moveMessages(tx, sourceId, targetId);
      tags = normalizeTags([...tags, ...source.tags]);
      await updateTicketRow(tx, sourceId, { merged_into_id: targetId, status: 'closed', closed_at: new Date() });
      await insertLink(tx, targetId, sourceId, 'merged_from');
      await insertMessage(tx, {
        ticketId: targetId,
        authorType: 'system',
        authorUserId: ctx.actor.userId,
        authorCustomerId: null,
        internal: true,
        channel: 'web',
        body: `Merged ticket #${sourceId} “${source.subject}” into this ticket (${moved} message${moved === 1 ? '' : 's'}).`,
        html: null,
        originalHtml: null,
        metadata: { mergedTicketId: sourceId },
      });
      await recordAudit(tx, ctx.actor, { action: 'ticket.merged', entityType: 'ticket', entityId: sourceId, before: { status: source.status }, after: { mergedIntoId: targetId, status: 'closed' } });
      await emitEvent(tx, 'ticket.updated', { ticketId: sourceId, changes: { mergedIntoId: { from: null, to: targetId }, status: { from: source.status, to: 'closed' } } });
    }
    await updateTicketRow(tx, targetId, { tags });
    await recordAudit(tx, ctx.actor, { action: 'ticket.merged_into', entityType: 'ticket', entityId: targetId, before: { tags: target.tags }, after: { mergedTicketIds: sources, tags } });
    await emitEvent(tx, 'ticket.updated', { ticketId: targetId, changes: { mergedTicketIds: { from: [], to: sources } } });
  });
  return (await selectTicket(ctx.db, targetId)) as Ticket;
}
