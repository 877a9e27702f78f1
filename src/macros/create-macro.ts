import { recordAudit } from '../audit/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { requireMacroAuthor } from './macro-access.ts';
import { insertMacro, type Macro } from './macros.queries.ts';
import type { MacroActions } from './macros.schemas.ts';

export async function createMacro(ctx: Ctx, input: { name: string; shared?: boolean; actions: MacroActions }): Promise<Macro> {
  const ownerId = requireMacroAuthor(ctx.actor, input.shared ?? false);
  return withTransaction(ctx.db, async (tx) => {
    const macro = await insertMacro(tx, { name: input.name.trim(), ownerId, actions: input.actions });
    await recordAudit(tx, ctx.actor, { action: 'macro.created', entityType: 'macro', entityId: macro.id, after: macro });
    return macro;
  });
}
