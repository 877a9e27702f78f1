import { Type } from 'typebox';
import { PERMISSIONS } from '../auth/index.ts';
import { Timestamp } from '../platform/http/schemas.ts';

const Name = Type.String({ minLength: 1, maxLength: 100 });
const Permissions = Type.Array(Type.Enum(PERMISSIONS), { maxItems: PERMISSIONS.length * 2 });

export const PermissionSchema = Type.Object({
  key: Type.Enum(PERMISSIONS),
  area: Type.String({ description: 'Where it applies, as the roles screen groups them' }),
  label: Type.String({ description: 'What it allows, in words' }),
});

export const RoleSchema = Type.Object({
  id: Type.Integer(),
  key: Type.String(),
  name: Type.String(),
  permissions: Type.Array(Type.String()),
  builtIn: Type.Boolean(),
  userCount: Type.Integer({ description: 'Users of any status holding the role' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CreateRoleBody = Type.Object({
  key: Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$', description: 'Lower-case letters, digits and _; fixed once created' }),
  name: Name,
  permissions: Permissions,
});

export const UpdateRoleBody = Type.Object({
  name: Type.Optional(Name),
  permissions: Type.Optional(Permissions),
});
