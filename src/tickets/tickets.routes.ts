import { Type } from 'typebox';
import type { Static } from 'typebox';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { ctxOf } from '../platform/http/authenticate.ts';
import { errors, IdParams, PageOf, PageQuery, Timestamp } from '../platform/http/schemas.ts';
import { addMessage } from './add-message.ts';
import { createTickets, type TicketRequest } from './create-ticket.ts';
import { eachAloneOnFailure, groupCommit } from '../db/group-commit.ts';
import { linkTickets, unlinkTickets } from './link-tickets.ts';
import { mergeTickets } from './merge-tickets.ts';
import { getAttachment, getTicket, listLinks, listMessages, listTickets } from './read-tickets.ts';
import { splitMessage } from './split-message.ts';
import {
  AddMessageBody,
  AttachmentInput,
  CreateTicketBody,
  ListTicketsQuery,
  MessageSchema,
  StatusSchema,
  TicketSchema,
  ticketFilterFromQuery,
  UpdateTicketBody,
} from './tickets.schemas.ts';
import { updateTicket } from './update-ticket.ts';

const decodeAttachments = (files: Static<typeof AttachmentInput>[] | undefined) =>
  (files ?? []).map((f) => ({ filename: f.filename, contentType: f.contentType, data: Buffer.from(f.data, 'base64') }));

const tags = ['tickets'];

export async function ticketRoutes(app: App): Promise<void> {
  app.addSchema(TicketSchema);
  app.addSchema(MessageSchema);
  const TicketRef = Type.Ref('Ticket');
  const MessageRef = Type.Ref('Message');
  // Tickets asked for at the same moment are opened by one transaction (group commit).
  const openTicket = groupCommit((requests: TicketRequest[]) => eachAloneOnFailure(requests, (batch) => createTickets(app.deps.db, batch)));

  app.post(
    `${API_PREFIX}/tickets`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Open a ticket with its first message; the requester is found or created by email/phone',
        body: CreateTicketBody,
        response: { 201: Type.Object({ ticket: TicketRef, messageId: Type.Integer() }), ...errors() },
      },
    },
    async (request, reply) => {
      const { message, ...rest } = request.body;
      const created = await openTicket({
        actor: ctxOf(request).actor,
        input: { ...rest, message: { ...message, attachments: decodeAttachments(message.attachments), channel: rest.channel } },
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    `${API_PREFIX}/tickets`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'List tickets with filters and full-text search', querystring: ListTicketsQuery, response: { 200: PageOf(TicketRef), ...errors() } },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const { sort, cursor, limit, ...filter } = request.query;
      return listTickets(ctx, { filter: ticketFilterFromQuery(filter, ctx.actor), sort, cursor, limit });
    },
  );

  app.get(
    `${API_PREFIX}/tickets/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'One ticket', params: IdParams, response: { 200: TicketRef, ...errors(404) } } },
    async (request) => getTicket(ctxOf(request), request.params.id),
  );

  app.patch(
    `${API_PREFIX}/tickets/:id`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Change status, priority, assignee, team, tags or custom fields', params: IdParams, body: UpdateTicketBody, response: { 200: TicketRef, ...errors(404, 409) } },
    },
    async (request) => updateTicket(ctxOf(request), request.params.id, request.body),
  );

  app.get(
    `${API_PREFIX}/tickets/:id/messages`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'The thread: public messages and internal notes, oldest first', params: IdParams, querystring: Type.Object(PageQuery), response: { 200: PageOf(MessageRef), ...errors(404) } },
    },
    async (request) => listMessages(ctxOf(request), request.params.id, request.query),
  );

  app.post(
    `${API_PREFIX}/tickets/:id/messages`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Reply to the customer, or add an internal note (internal: true)', params: IdParams, body: AddMessageBody, response: { 201: MessageRef, ...errors(404, 409) } },
    },
    async (request, reply) => {
      const { attachments, ...rest } = request.body;
      const message = await addMessage(ctxOf(request), request.params.id, { ...rest, attachments: decodeAttachments(attachments) });
      return reply.status(201).send(message);
    },
  );

  app.post(
    `${API_PREFIX}/tickets/:id/merge`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Merge other tickets into this one; their messages move here and they are closed',
        params: IdParams,
        body: Type.Object({ sourceIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 50 }) }),
        response: { 200: TicketRef, ...errors(404, 409) },
      },
    },
    async (request) => mergeTickets(ctxOf(request), request.params.id, request.body.sourceIds),
  );

  const LinkSchema = Type.Object({ ticketId: Type.Integer(), kind: Type.String(), subject: Type.String(), status: StatusSchema, createdAt: Timestamp });
  app.get(
    `${API_PREFIX}/tickets/:id/links`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Linked tickets', params: IdParams, response: { 200: Type.Object({ data: Type.Array(LinkSchema) }), ...errors(404) } } },
    async (request) => ({ data: await listLinks(ctxOf(request), request.params.id) }),
  );

  app.post(
    `${API_PREFIX}/tickets/:id/links`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Link two related tickets', params: IdParams, body: Type.Object({ ticketId: Type.Integer({ minimum: 1 }) }), response: { 204: Type.Null(), ...errors(404) } },
    },
    async (request, reply) => {
      await linkTickets(ctxOf(request), request.params.id, request.body.ticketId);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    `${API_PREFIX}/tickets/:id/links/:linkedId`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Remove a link', params: Type.Object({ id: Type.Integer({ minimum: 1 }), linkedId: Type.Integer({ minimum: 1 }) }), response: { 204: Type.Null(), ...errors(404) } },
    },
    async (request, reply) => {
      await unlinkTickets(ctxOf(request), request.params.id, request.params.linkedId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${API_PREFIX}/messages/:id/split`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Move one message into a new ticket of its own',
        params: IdParams,
        body: Type.Object({ subject: Type.Optional(Type.String({ maxLength: 500 })) }),
        response: { 201: TicketRef, ...errors(404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await splitMessage(ctxOf(request), request.params.id, request.body)),
  );

  app.get(
    `${API_PREFIX}/attachments/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Download an attachment', params: IdParams, response: { ...errors(404) } } },
    async (request, reply) => {
      const file = await getAttachment(ctxOf(request), request.params.id);
      const inline = /^image\/(png|jpeg|gif|webp)$/.test(file.contentType);
      reply.header('content-type', file.contentType);
      reply.header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
      // Attachments are customer-supplied: never let the browser run them as a page of ours.
      reply.header('x-content-type-options', 'nosniff');
      reply.header('content-security-policy', "default-src 'none'; sandbox");
      return reply.send(file.data);
    },
  );
}
