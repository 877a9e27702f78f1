import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, invalid } from '../platform/errors.ts';
import { normalizePermissions, requireHeld } from './role-permissions.ts';
import { insertRole, selectRole } from './roles.queries.ts';
import type { Role } from './roles.types.ts';

export interface CreateRoleInput {
  /** Lower-case letters, digits and _; fixed once created. */
  key: string;
  name: string;
  permissions: string[];
}

const KEY = /^[a-z][a-z0-9_]{1,40}$/;

export async function createRole(ctx: Ctx, input: CreateRoleInput): Promise<Role> {
  requirePermission(ctx.actor, 'roles.manage');
  if (!KEY.test(input.key)) throw invalid('key', 'key must be 2–41 lower-case letters, digits or _, starting with a letter');
  const name = input.name.trim();
  if (!name) throw invalid('name', 'name must not be empty');
  const permissions = normalizePermissions(input.permissions);
  requireHeld(ctx.actor, permissions, 'this role');
  return withTransaction(ctx.db, async (tx) => {
    const id = await insertRole(tx, { key: input.key, name, permissions });
    if (id === null) throw conflict(`a role with the key "${input.key}" already exists`, 'key');
    const role = (await selectRole(tx, id)) as Role;
    await recordAudit(tx, ctx.actor, { action: 'role.created', entityType: 'role', entityId: id, after: auditView(role) });
    await emitEvent(tx, 'role.created', { roleId: id, role: auditView(role) });
    return role;
  });
}

/** The fields of a role worth recording in the audit log and in events. */
export const auditView = (r: Role) => ({ key: r.key, name: r.name, permissions: r.permissions });
