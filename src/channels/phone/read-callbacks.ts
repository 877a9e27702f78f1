import { requirePermission } from '../../auth/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { DEFAULT_LIMIT, decodeCursor, type Page, pageOf } from '../../platform/pagination.ts';
import { selectCallbackRequest, selectCallbackRequests } from './callbacks.queries.ts';
import type { CallbackRequest, CallbackStatus } from './callbacks.types.ts';

export interface ListCallbacksInput {
  status?: CallbackStatus[];
  queueId?: number;
  /** Only those offered to or taken by the caller. */
  mine?: boolean;
  cursor?: string;
  limit?: number;
}

/** Callback requests, newest first. */
export async function listCallbacks(ctx: Ctx, input: ListCallbacksInput): Promise<Page<CallbackRequest>> {
  requirePermission(ctx.actor, 'tickets.read');
  const limit = input.limit ?? DEFAULT_LIMIT;
  const after = decodeCursor(input.cursor, 1);
  if (after && typeof after[0] !== 'number') throw invalid('cursor', 'cursor is not valid; use the nextCursor of a previous page');
  if (input.mine && ctx.actor.userId === null) throw invalid('mine', 'only an agent has callbacks of their own');
  const rows = await selectCallbackRequests(ctx.db, {
    ...(input.status?.length ? { statuses: input.status } : {}),
    ...(input.queueId ? { queueId: input.queueId } : {}),
    ...(input.mine && ctx.actor.userId !== null ? { agentId: ctx.actor.userId } : {}),
    ...(after ? { beforeId: after[0] as number } : {}),
    limit: limit + 1,
  });
  return pageOf(rows, limit, (c) => [c.id]);
}

export async function getCallback(ctx: Ctx, id: number): Promise<CallbackRequest> {
  requirePermission(ctx.actor, 'tickets.read');
  const callback = await selectCallbackRequest(ctx.db, id);
  if (!callback) throw notFound('callback');
  return callback;
}
