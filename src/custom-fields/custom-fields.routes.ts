import { Type } from 'typebox';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { ctxOf } from '../platform/http/authenticate.ts';
import { errors, IdParams } from '../platform/http/schemas.ts';
import { createCustomField } from './create-custom-field.ts';
import { CreateCustomFieldBody, CustomFieldSchema, UpdateCustomFieldBody } from './custom-fields.schemas.ts';
import { deleteCustomField } from './delete-custom-field.ts';
import { getCustomField, listCustomFields } from './read-custom-fields.ts';
import { updateCustomField } from './update-custom-field.ts';

const tags = ['custom fields'];
const BASE = `${API_PREFIX}/custom-fields`;

export async function customFieldRoutes(app: App): Promise<void> {
  app.get(
    BASE,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Ticket custom field definitions, in display order',
        querystring: Type.Object({ includeInactive: Type.Optional(Type.Boolean({ default: false })) }),
        response: { 200: Type.Object({ data: Type.Array(CustomFieldSchema) }), ...errors() },
      },
    },
    async (request) => ({ data: await listCustomFields(ctxOf(request), request.query) }),
  );

  app.get(
    `${BASE}/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'One custom field definition', params: IdParams, response: { 200: CustomFieldSchema, ...errors(404) } } },
    async (request) => getCustomField(ctxOf(request), request.params.id),
  );

  app.post(
    BASE,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Define a ticket custom field', body: CreateCustomFieldBody, response: { 201: CustomFieldSchema, ...errors(409) } },
    },
    async (request, reply) => reply.status(201).send(await createCustomField(ctxOf(request), request.body)),
  );

  app.patch(
    `${BASE}/:id`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Change a custom field’s label, options, required flag, active flag or position (key and type are fixed)',
        params: IdParams,
        body: UpdateCustomFieldBody,
        response: { 200: CustomFieldSchema, ...errors(404) },
      },
    },
    async (request) => updateCustomField(ctxOf(request), request.params.id, request.body),
  );

  app.delete(
    `${BASE}/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Delete a custom field definition', params: IdParams, response: { 204: Type.Null(), ...errors(404) } } },
    async (request, reply) => {
      await deleteCustomField(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
