import { recordAudit } from '../audit/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { requireMacroEditable } from './macro-access.ts';
import { deleteMacroRow, selectMacro } from './macros.queries.ts';

export async function deleteMacro(ctx: Ctx, id: number): Promise<void> {
  await withTransaction(ctx.db, async (tx) => {
    const before = requireMacroEditable(ctx.actor, await selectMacro(tx, id, true));
    await deleteMacroRow(tx, id);
    await recordAudit(tx, ctx.actor, { action: 'macro.deleted', entityType: 'macro', entityId: id, before });
  });
}
