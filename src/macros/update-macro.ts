import { recordAudit } from '../audit/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { requireMacroAuthor, requireMacroEditable } from './macro-access.ts';
import { type Macro, selectMacro, updateMacroRow } from './macros.queries.ts';
import type { MacroActions } from './macros.schemas.ts';

export async function updateMacro(ctx: Ctx, id: number, patch: { name?: string; shared?: boolean; actions?: MacroActions }): Promise<Macro> {
  return withTransaction(ctx.db, async (tx) => {
    const before = requireMacroEditable(ctx.actor, await selectMacro(tx, id, true));
    const ownerId = patch.shared === undefined ? before.ownerId : requireMacroAuthor(ctx.actor, patch.shared);
    const after = await updateMacroRow(tx, id, { name: patch.name?.trim() ?? before.name, ownerId, actions: patch.actions ?? before.actions });
    await recordAudit(tx, ctx.actor, { action: 'macro.updated', entityType: 'macro', entityId: id, before, after });
    return after;
  });
}
