import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, invalid } from '../platform/errors.ts';
import { queueFields } from './queue-input.ts';
import { insertQueue, type QueueFields, selectQueue } from './routing.queries.ts';
import type { Queue } from './routing.types.ts';

export async function createQueue(ctx: Ctx, input: Partial<QueueFields> & Pick<QueueFields, 'name' | 'teamId' | 'strategy'>): Promise<Queue> {
  requirePermission(ctx.actor, 'teams.manage');
  const fields = await queueFields(ctx, null, input, null);
  return withTransaction(ctx.db, async (tx) => {
    const result = await insertQueue(tx, fields);
    if (result === 'name_taken') throw conflict(`a queue named "${fields.name}" already exists`, 'name');
    if (result === 'missing_reference') throw invalid('calendarId', 'no such business-hours calendar');
    await recordAudit(tx, ctx.actor, { action: 'routing_queue.created', entityType: 'routing_queue', entityId: result.id, after: fields });
    return (await selectQueue(tx, result.id)) as Queue;
  });
}
