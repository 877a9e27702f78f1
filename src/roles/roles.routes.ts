import { Type } from 'typebox';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { ctxOf } from '../platform/http/authenticate.ts';
import { errors, IdParams } from '../platform/http/schemas.ts';
import { createRole } from './create-role.ts';
import { deleteRole } from './delete-role.ts';
import { getRole, listRoles } from './read-roles.ts';
import { describePermissions } from './role-permissions.ts';
import { CreateRoleBody, PermissionSchema, RoleSchema, UpdateRoleBody } from './roles.schemas.ts';
import { updateRole } from './update-role.ts';

const tags = ['roles'];
const BASE = `${API_PREFIX}/roles`;

export async function roleRoutes(app: App): Promise<void> {
  app.get(
    BASE,
    { config: { auth: 'user' }, schema: { tags, summary: 'Every role with its permissions, built-in ones first', response: { 200: Type.Object({ data: Type.Array(RoleSchema) }), ...errors() } } },
    async (request) => ({ data: await listRoles(ctxOf(request)) }),
  );

  app.get(
    `${BASE}/permissions`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Every permission a role can carry, with its area and what it allows', response: { 200: Type.Object({ data: Type.Array(PermissionSchema) }), ...errors() } } },
    async () => ({ data: describePermissions() }),
  );

  app.get(
    `${BASE}/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'One role', params: IdParams, response: { 200: RoleSchema, ...errors(404) } } },
    async (request) => getRole(ctxOf(request), request.params.id),
  );

  app.post(
    BASE,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Create a custom role from permissions you hold yourself', body: CreateRoleBody, response: { 201: RoleSchema, ...errors(409) } },
    },
    async (request, reply) => reply.status(201).send(await createRole(ctxOf(request), request.body)),
  );

  app.patch(
    `${BASE}/:id`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Rename a custom role or replace its permissions; applies at once to everyone holding it',
        params: IdParams,
        body: UpdateRoleBody,
        response: { 200: RoleSchema, ...errors(404) },
      },
    },
    async (request) => updateRole(ctxOf(request), request.params.id, request.body),
  );

  app.delete(
    `${BASE}/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Delete a custom role that nobody holds', params: IdParams, response: { 204: Type.Null(), ...errors(404, 409) } } },
    async (request, reply) => {
      await deleteRole(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
