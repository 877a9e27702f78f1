import type { Ctx } from '../platform/context.ts';
import { decodeCursor, DEFAULT_LIMIT, type Page, pageOf } from '../platform/pagination.ts';
import { countUnread, type Notification, selectNotifications } from './notifications.queries.ts';
import { recipient } from './recipient.ts';

export async function listNotifications(ctx: Ctx, input: { unread?: boolean; cursor?: string; limit?: number }): Promise<Page<Notification>> {
  const userId = recipient(ctx.actor);
  const limit = input.limit ?? DEFAULT_LIMIT;
  const after = decodeCursor(input.cursor, 1);
  const rows = await selectNotifications(ctx.db, userId, { unread: input.unread, beforeId: after ? Number(after[0]) : undefined, limit });
  return pageOf(rows, limit, (n) => [n.id]);
}

export async function unreadCount(ctx: Ctx): Promise<number> {
  return countUnread(ctx.db, recipient(ctx.actor));
}
