import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { deleteQueueRow, selectQueue } from './routing.queries.ts';

/** Tickets waiting in it stay unassigned and leave routing until they change again. */
export async function deleteQueue(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'teams.manage');
  await withTransaction(ctx.db, async (tx) => {
    const queue = await selectQueue(tx, id, true);
    if (!queue) throw notFound('queue');
    await deleteQueueRow(tx, id);
    await recordAudit(tx, ctx.actor, { action: 'routing_queue.deleted', entityType: 'routing_queue', entityId: id, before: { name: queue.name } });
  });
}
