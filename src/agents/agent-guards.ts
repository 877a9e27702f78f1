import { type Actor, type Permission, requirePermission } from '../auth/index.ts';
import type { Queryable } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, forbidden, invalid } from '../platform/errors.ts';
import { type RoleGrant, selectActiveAdminIds, selectRoleByKey } from './agents.queries.ts';
import type { Agent } from './agents.types.ts';

/** The built-in role that may do everything; the last active user holding it cannot lose it. */
export const ADMIN_ROLE = 'admin';

/**
 * Nobody hands out more than they hold: without this, anyone allowed to manage users
 * could make themselves (or an accomplice) an admin.
 */
export function assertCanGrant(actor: Actor, permissions: readonly Permission[], what: string): void {
  const missing = permissions.filter((p) => !actor.permissions.has(p));
  if (missing.length > 0) throw forbidden(`${what} carries permissions you do not hold: ${missing.join(', ')}`);
}

/** Managing someone needs `users.manage` and every permission they hold, so nobody can unseat a stronger user. */
export async function requireManageable(ctx: Ctx, db: Queryable, agent: Agent): Promise<void> {
  requirePermission(ctx.actor, 'users.manage');
  const role = (await selectRoleByKey(db, agent.role)) as RoleGrant;
  assertCanGrant(ctx.actor, role.permissions, `${agent.name}'s role`);
}

/** The role to give someone, if it exists and the actor may grant it. */
export async function grantableRole(ctx: Ctx, db: Queryable, key: string): Promise<RoleGrant> {
  const role = await selectRoleByKey(db, key);
  if (!role) throw invalid('role', `there is no role "${key}"`);
  assertCanGrant(ctx.actor, role.permissions, `the role "${key}"`);
  return role;
}

/** Call before taking admin rights away from `agent`, in a transaction that took `lockAdminChanges` first. */
export async function assertNotLastAdmin(db: Queryable, agent: Agent): Promise<void> {
  if (agent.role !== ADMIN_ROLE || agent.status !== 'active') return;
  const admins = await selectActiveAdminIds(db, ADMIN_ROLE);
  if (admins.length <= 1 && admins.includes(agent.id)) {
    throw conflict(`${agent.name} is the last active admin; make someone else an admin first`);
  }
}
