import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { enqueue } from '../jobs/enqueue.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, invalid, notFound } from '../platform/errors.ts';
import { queueFields } from './queue-input.ts';
import { DRAIN_TASK } from './route-ticket.ts';
import { type QueueFields, selectQueue, updateQueueRow } from './routing.queries.ts';
import type { Queue } from './routing.types.ts';

/** Tickets already waiting keep their place; a changed strategy or team applies from the next decision. */
export async function updateQueue(ctx: Ctx, id: number, patch: Partial<QueueFields>): Promise<Queue> {
  requirePermission(ctx.actor, 'teams.manage');
  return withTransaction(ctx.db, async (tx) => {
    const before = await selectQueue(tx, id, true);
    if (!before) throw notFound('queue');
    const { id: _id, createdAt: _c, updatedAt: _u, ...current } = before;
    const fields = await queueFields({ ...ctx, db: tx }, current, patch, id);
    const result = await updateQueueRow(tx, id, fields);
    if (result === 'name_taken') throw conflict(`a queue named "${fields.name}" already exists`, 'name');
    if (result === 'missing_reference') throw invalid('calendarId', 'no such business-hours calendar');
    await recordAudit(tx, ctx.actor, { action: 'routing_queue.updated', entityType: 'routing_queue', entityId: id, before: current, after: fields });
    await enqueue(tx, DRAIN_TASK, { queueId: id }, { jobKey: `${DRAIN_TASK}:queue:${id}` });
    return (await selectQueue(tx, id)) as Queue;
  });
}
