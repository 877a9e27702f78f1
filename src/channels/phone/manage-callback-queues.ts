import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../auth/index.ts';
import { withTransaction } from '../../db/pool.ts';
import { emitEvent } from '../../events/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { type CallbackQueueFields, deleteCallbackQueueRow, insertCallbackQueue, selectCallbackQueue, selectCallbackQueues, updateCallbackQueueRow } from './callbacks.queries.ts';
import type { CallbackQueue } from './callbacks.types.ts';

export type CallbackQueueInput = Partial<CallbackQueueFields>;

export const CALLBACK_QUEUE_DELETED = 'callback_queue.deleted';

const mapConstraint = (error: unknown): never => {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code === '23505') throw conflict('a callback queue with this name exists', 'name');
  if (code === '23503') throw constraint?.includes('team') ? invalid('teamId', 'no such team') : invalid('leadUserId', 'no such agent');
  throw error;
};

function fieldsOf(input: CallbackQueueInput, base?: CallbackQueue): CallbackQueueFields {
  const name = (input.name ?? base?.name ?? '').trim();
  if (!name) throw invalid('name', 'name must not be empty');
  const maxWaitSeconds = input.maxWaitSeconds ?? base?.maxWaitSeconds;
  if (maxWaitSeconds === undefined) throw invalid('maxWaitSeconds', 'maxWaitSeconds is required');
  return { name, maxWaitSeconds, leadUserId: input.leadUserId !== undefined ? input.leadUserId : (base?.leadUserId ?? null), teamId: input.teamId !== undefined ? input.teamId : (base?.teamId ?? null) };
}

export async function createCallbackQueue(ctx: Ctx, input: CallbackQueueInput): Promise<CallbackQueue> {
  requirePermission(ctx.actor, 'settings.manage');
  const fields = fieldsOf(input);
  return withTransaction(ctx.db, async (tx) => {
    const queue = await insertCallbackQueue(tx, fields).catch(mapConstraint);
    await recordAudit(tx, ctx.actor, { action: 'callback_queue.created', entityType: 'callback_queue', entityId: queue.id, after: fields });
    return queue;
  });
}

/** A changed wait limit applies to callbacks requested from now on. */
export async function updateCallbackQueue(ctx: Ctx, id: number, input: CallbackQueueInput): Promise<CallbackQueue> {
  requirePermission(ctx.actor, 'settings.manage');
  return withTransaction(ctx.db, async (tx) => {
    const before = await selectCallbackQueue(tx, id, true);
    if (!before) throw notFound('callback queue');
    const fields = fieldsOf(input, before);
    const queue = (await updateCallbackQueueRow(tx, id, fields).catch(mapConstraint)) as CallbackQueue;
    const { name, maxWaitSeconds, leadUserId, teamId } = before;
    await recordAudit(tx, ctx.actor, { action: 'callback_queue.updated', entityType: 'callback_queue', entityId: id, before: { name, maxWaitSeconds, leadUserId, teamId }, after: fields });
    return queue;
  });
}

/** Deleting a queue deletes its callback requests with it; whatever offered callbacks into it hears of it by event. */
export async function deleteCallbackQueue(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'settings.manage');
  await withTransaction(ctx.db, async (tx) => {
    const before = await selectCallbackQueue(tx, id, true);
    if (!before || !(await deleteCallbackQueueRow(tx, id))) throw notFound('callback queue');
    await recordAudit(tx, ctx.actor, { action: 'callback_queue.deleted', entityType: 'callback_queue', entityId: id, before: { name: before.name } });
    await emitEvent(tx, CALLBACK_QUEUE_DELETED, { queueId: id, name: before.name });
  });
}

/** Every agent may see the queues (to request a callback into one); changing them is for admins. */
export async function listCallbackQueues(ctx: Ctx): Promise<CallbackQueue[]> {
  requirePermission(ctx.actor, 'tickets.read');
  return selectCallbackQueues(ctx.db);
}
