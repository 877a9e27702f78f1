import { requirePermission } from '../auth/index.ts';
import type { Ctx } from '../platform/context.ts';
import { type Macro, selectVisibleMacros } from './macros.queries.ts';

export async function listMacros(ctx: Ctx, input: { q?: string }): Promise<Macro[]> {
  requirePermission(ctx.actor, 'tickets.read');
  return selectVisibleMacros(ctx.db, ctx.actor.userId, input.q);
}
