import { Type } from 'typebox';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { ctxOf } from '../platform/http/authenticate.ts';
import { errors, IdParams, PageOf } from '../platform/http/schemas.ts';
import { assignCustomers } from './assign-customers.ts';
import { createOrganization } from './create-organization.ts';
import { AssignMembersBody, CreateOrganizationBody, CustomerSchema, ListOrganizationsQuery, OrganizationSchema, UpdateOrganizationBody } from './customers.schemas.ts';
import { deleteOrganization } from './delete-organization.ts';
import { getOrganization, listOrganizations } from './read-organizations.ts';
import { updateOrganization } from './update-organization.ts';

const tags = ['organizations'];

export async function organizationRoutes(app: App): Promise<void> {
  app.addSchema(CustomerSchema);
  const OrganizationDetail = Type.Object({
    ...OrganizationSchema.properties,
    members: Type.Array(Type.Ref('Customer'), { description: 'The 50 newest members; page on with GET /customers?organizationId=' }),
  });

  app.get(
    `${API_PREFIX}/organizations`,
    { config: { auth: 'user' }, schema: { tags, summary: 'List or search organizations', querystring: ListOrganizationsQuery, response: { 200: PageOf(OrganizationSchema), ...errors() } } },
    async (request) => listOrganizations(ctxOf(request), request.query),
  );

  app.post(
    `${API_PREFIX}/organizations`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Add an organization; names are unique regardless of case', body: CreateOrganizationBody, response: { 201: OrganizationSchema, ...errors(409) } },
    },
    async (request, reply) => reply.status(201).send(await createOrganization(ctxOf(request), request.body)),
  );

  app.get(
    `${API_PREFIX}/organizations/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'One organization with its member count and newest members', params: IdParams, response: { 200: OrganizationDetail, ...errors(404) } } },
    async (request) => getOrganization(ctxOf(request), request.params.id),
  );

  app.patch(
    `${API_PREFIX}/organizations/:id`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Change an organization; domains and attributes are replaced', params: IdParams, body: UpdateOrganizationBody, response: { 200: OrganizationSchema, ...errors(404, 409) } },
    },
    async (request) => updateOrganization(ctxOf(request), request.params.id, request.body),
  );

  app.delete(
    `${API_PREFIX}/organizations/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Delete an organization; its members stay, in no organization', params: IdParams, response: { 204: Type.Null(), ...errors(404) } } },
    async (request, reply) => {
      await deleteOrganization(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${API_PREFIX}/organizations/:id/members`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Make customers members of this organization (moving them from any other)',
        params: IdParams,
        body: AssignMembersBody,
        response: { 200: Type.Object({ assigned: Type.Integer({ description: 'How many changed organization' }) }), ...errors(404) },
      },
    },
    async (request) => assignCustomers(ctxOf(request), request.params.id, request.body.customerIds),
  );
}
