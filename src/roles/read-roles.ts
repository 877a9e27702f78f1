import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { selectRole, selectRoles } from './roles.queries.ts';
import type { Role } from './roles.types.ts';

/** Readable by every signed-in user: the agent app shows roles in pickers and profiles. */
export async function listRoles(ctx: Ctx): Promise<Role[]> {
  return selectRoles(ctx.db);
}

export async function getRole(ctx: Ctx, id: number): Promise<Role> {
  const role = await selectRole(ctx.db, id);
  if (!role) throw notFound('role');
  return role;
}
