import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { forbidden, invalid, notFound } from '../platform/errors.ts';
import { auditView } from './create-role.ts';
import { normalizePermissions, requireHeld } from './role-permissions.ts';
import { selectRole, updateRoleRow } from './roles.queries.ts';
import type { Role } from './roles.types.ts';

export interface RolePatch {
  name?: string;
  /** Replaces all the role's permissions. */
  permissions?: string[];
}

/** Takes effect at once for everyone holding the role: permissions are read on every request. */
export async function updateRole(ctx: Ctx, id: number, patch: RolePatch): Promise<Role> {
  requirePermission(ctx.actor, 'roles.manage');
  const name = patch.name?.trim();
  if (name === '') throw invalid('name', 'name must not be empty');
  const permissions = patch.permissions === undefined ? undefined : normalizePermissions(patch.permissions);
  return withTransaction(ctx.db, async (tx) => {
    const before = await selectRole(tx, id, true);
    if (!before) throw notFound('role');
    if (before.builtIn) throw forbidden(`the built-in role "${before.key}" cannot be changed; create a custom role instead`);
    requireHeld(ctx.actor, before.permissions, `the role "${before.key}"`);
    if (permissions) requireHeld(ctx.actor, permissions, 'the new permissions');
    await updateRoleRow(tx, id, { name: name ?? before.name, permissions: permissions ?? before.permissions });
    const after = (await selectRole(tx, id)) as Role;
    await recordAudit(tx, ctx.actor, { action: 'role.updated', entityType: 'role', entityId: id, before: auditView(before), after: auditView(after) });
    await emitEvent(tx, 'role.updated', { roleId: id, before: auditView(before), after: auditView(after) });
    return after;
  });
}
