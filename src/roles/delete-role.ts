import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, forbidden, notFound } from '../platform/errors.ts';
import { auditView } from './create-role.ts';
import { requireHeld } from './role-permissions.ts';
import { deleteRoleRow, selectRole } from './roles.queries.ts';

const inUse = (key: string) => conflict(`the role "${key}" is still held by agents; give them another role first`);

/** Only custom roles nobody holds, deactivated and invited users included. */
export async function deleteRole(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'roles.manage');
  await withTransaction(ctx.db, async (tx) => {
    const before = await selectRole(tx, id, true);
    if (!before) throw notFound('role');
    if (before.builtIn) throw forbidden(`the built-in role "${before.key}" cannot be deleted`);
    requireHeld(ctx.actor, before.permissions, `the role "${before.key}"`);
    if (before.userCount > 0) throw inUse(before.key);
    // A user given the role since the count above still stops the delete, through the foreign key.
    await deleteRoleRow(tx, id).catch((error: unknown) => {
      if ((error as { code?: string }).code === '23503') throw inUse(before.key);
      throw error;
    });
    await recordAudit(tx, ctx.actor, { action: 'role.deleted', entityType: 'role', entityId: id, before: auditView(before) });
    await emitEvent(tx, 'role.deleted', { roleId: id, key: before.key });
  });
}
