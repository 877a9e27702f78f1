export { createRole, type CreateRoleInput } from './create-role.ts';
export { deleteRole } from './delete-role.ts';
export { getRole, listRoles } from './read-roles.ts';
export { roleRoutes } from './roles.routes.ts';
export type { Role } from './roles.types.ts';
export { type RolePatch, updateRole } from './update-role.ts';
