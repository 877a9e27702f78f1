import { AppError, notFound } from '../platform/errors.ts';
import { requirePermission } from '../auth/index.ts';
import type { Ctx } from '../platform/context.ts';
import { selectView } from './views.queries.ts';
import type { View } from './views.types.ts';

/** Someone else's personal view does not exist as far as the caller can tell. */
export async function visibleView(ctx: Ctx, id: number, forUpdate = false): Promise<View> {
  const view = await selectView(ctx.db, id, forUpdate);
  if (!view || (view.ownerId !== null && view.ownerId !== ctx.actor.userId)) throw notFound('view');
  return view;
}

/** Personal views belong to the caller; shared ones need `views.manage_shared`. Returns the owner id to store. */
export function ownerForChange(ctx: Ctx, shared: boolean): number | null {
  requirePermission(ctx.actor, 'tickets.read');
  if (shared) {
    requirePermission(ctx.actor, 'views.manage_shared');
    return null;
  }
  if (ctx.actor.userId === null) throw new AppError('forbidden', 'personal views belong to a user');
  return ctx.actor.userId;
}
