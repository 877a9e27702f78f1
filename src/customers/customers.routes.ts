import { Type } from 'typebox';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { ctxOf } from '../platform/http/authenticate.ts';
import { errors, IdParams, Nullable, PageOf, PageQuery } from '../platform/http/schemas.ts';
import { TicketSchema } from '../tickets/index.ts';
import { createCustomer } from './create-customer.ts';
import { addCustomerNote, deleteCustomerNote, listCustomerNotes } from './customer-notes.ts';
import {
  AddIdentityBody,
  AddNoteBody,
  CreateCustomerBody,
  CustomerSchema,
  IdentitySchema,
  ListCustomersQuery,
  MergeCustomersBody,
  NoteSchema,
  UpdateCustomerBody,
} from './customers.schemas.ts';
import { addIdentity, removeIdentity } from './edit-identities.ts';
import { mergeCustomers } from './merge-customers.ts';
import { getCustomer, listCustomers, RECENT_TICKETS } from './read-customers.ts';
import { updateCustomer } from './update-customer.ts';

const tags = ['customers'];

export async function customerRoutes(app: App): Promise<void> {
  // Added here, not at module level: tickets and customers import each other.
  app.addSchema(CustomerSchema);
  app.addSchema(TicketSchema);
  const CustomerRef = Type.Ref('Customer');
  const CustomerDetail = Type.Object({
    ...CustomerSchema.properties,
    notesCount: Type.Integer(),
    ticketCount: Nullable(Type.Integer({ description: 'All tickets this customer requested; null for a role that cannot read tickets' })),
    tickets: Type.Array(Type.Ref('Ticket'), { description: `The ${RECENT_TICKETS} most recently updated; page on with GET /tickets?requesterId=` }),
  });

  app.get(
    `${API_PREFIX}/customers`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'List or search customers (merged ones are left out)', querystring: ListCustomersQuery, response: { 200: PageOf(CustomerRef), ...errors() } },
    },
    async (request) => {
      const { tag, ...query } = request.query;
      return listCustomers(ctxOf(request), { ...query, tags: tag });
    },
  );

  app.post(
    `${API_PREFIX}/customers`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Add a customer with their emails, phone numbers and other identities', body: CreateCustomerBody, response: { 201: CustomerRef, ...errors(409) } },
    },
    async (request, reply) => reply.status(201).send(await createCustomer(ctxOf(request), request.body)),
  );

  app.get(
    `${API_PREFIX}/customers/:id`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'One customer with identities, organization and recent tickets', params: IdParams, response: { 200: CustomerDetail, ...errors(404) } },
    },
    async (request) => getCustomer(ctxOf(request), request.params.id),
  );

  app.patch(
    `${API_PREFIX}/customers/:id`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Change a customer; tags and attributes are replaced', params: IdParams, body: UpdateCustomerBody, response: { 200: CustomerRef, ...errors(404, 409) } },
    },
    async (request) => updateCustomer(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    `${API_PREFIX}/customers/:id/identities`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Add an email, phone number or other identity; 409 when it is another customer’s',
        params: IdParams,
        body: AddIdentityBody,
        response: { 201: IdentitySchema, ...errors(404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await addIdentity(ctxOf(request), request.params.id, request.body)),
  );

  app.delete(
    `${API_PREFIX}/customers/:id/identities/:identityId`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Remove an identity from a customer',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), identityId: Type.Integer({ minimum: 1 }) }),
        response: { 204: Type.Null(), ...errors(404, 409) },
      },
    },
    async (request, reply) => {
      await removeIdentity(ctxOf(request), request.params.id, request.params.identityId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${API_PREFIX}/customers/:id/notes`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Notes agents wrote about a customer, newest first', params: IdParams, querystring: Type.Object(PageQuery), response: { 200: PageOf(NoteSchema), ...errors(404) } },
    },
    async (request) => listCustomerNotes(ctxOf(request), request.params.id, request.query),
  );

  app.post(
    `${API_PREFIX}/customers/:id/notes`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Write a note about a customer', params: IdParams, body: AddNoteBody, response: { 201: NoteSchema, ...errors(404, 409) } },
    },
    async (request, reply) => reply.status(201).send(await addCustomerNote(ctxOf(request), request.params.id, request.body)),
  );

  app.delete(
    `${API_PREFIX}/customers/:id/notes/:noteId`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Delete a note you wrote',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), noteId: Type.Integer({ minimum: 1 }) }),
        response: { 204: Type.Null(), ...errors(404) },
      },
    },
    async (request, reply) => {
      await deleteCustomerNote(ctxOf(request), request.params.id, request.params.noteId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${API_PREFIX}/customers/:id/merge`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Merge a duplicate into this customer: identities, notes, tickets and messages move here',
        params: IdParams,
        body: MergeCustomersBody,
        response: { 200: CustomerRef, ...errors(404, 409) },
      },
    },
    async (request) => mergeCustomers(ctxOf(request), request.params.id, request.body.sourceId),
  );
}
