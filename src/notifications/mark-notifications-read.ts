import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { markRead } from './notifications.queries.ts';
import { recipient } from './recipient.ts';

/** Marks some (by id or ticket) or all of your notifications read; your other tabs hear of it. */
export async function markNotificationsRead(ctx: Ctx, which: { ids?: number[]; ticketId?: number; all?: boolean }): Promise<number> {
  const userId = recipient(ctx.actor);
  if (!which.all && !which.ids?.length && which.ticketId === undefined) throw invalid('ids', 'name the notifications (ids or ticketId), or set all');
  return withTransaction(ctx.db, async (tx) => {
    const count = await markRead(tx, userId, which);
    if (count > 0) await emitEvent(tx, 'notification.read', { forUserId: userId, count });
    return count;
  });
}
