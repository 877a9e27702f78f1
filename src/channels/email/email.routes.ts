import { Type } from 'typebox';
import { API_PREFIX, type App } from '../../platform/http/app.ts';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { errors, IdParams, IdsQuery, PageOf, PageQuery } from '../../platform/http/schemas.ts';
import { blockSender, listBlockedSenders, unblockSender } from './blocklist.ts';
import {
  BlockedSenderSchema,
  CreateMailboxBody,
  DeliverySchema,
  InboundMailSchema,
  MailboxSchema,
  MessageMailSchema,
  OriginalMailSchema,
  ReplyRouteSchema,
  ReprocessResult,
  UpdateMailboxBody,
} from './email.schemas.ts';
import { listInboundMail, reprocessInboundMail } from './failed-mail.ts';
import { createMailbox, deleteMailbox, listMailboxes, updateMailbox } from './manage-mailboxes.ts';
import { resendEmailReply } from './outbound.ts';
import { getReplyRoute, setReplyCopies } from './reply-route.ts';
import { getDelivery, getInlineImage, getOriginalMail, getRawSource, listMessageMails } from './read-mail-source.ts';
import { secretKey } from './secret-box.ts';

const tags = ['email'];

export async function emailRoutes(app: App): Promise<void> {
  const key = () => secretKey(app.deps.config.dataDir);

  app.get(
    `${API_PREFIX}/email/mailboxes`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Mailboxes (admins); passwords are never returned', response: { 200: Type.Object({ data: Type.Array(MailboxSchema) }), ...errors() } } },
    async (request) => ({ data: await listMailboxes(ctxOf(request), key()) }),
  );

  app.post(
    `${API_PREFIX}/email/mailboxes`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Add a mailbox, received by Tend over SMTP or fetched over IMAP', body: CreateMailboxBody, response: { 201: MailboxSchema, ...errors(409) } },
    },
    async (request, reply) => reply.status(201).send(await createMailbox(ctxOf(request), key(), request.body)),
  );

  app.patch(
    `${API_PREFIX}/email/mailboxes/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Change a mailbox', params: IdParams, body: UpdateMailboxBody, response: { 200: MailboxSchema, ...errors(404, 409) } } },
    async (request) => updateMailbox(ctxOf(request), key(), request.params.id, request.body),
  );

  app.delete(
    `${API_PREFIX}/email/mailboxes/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Remove a mailbox', params: IdParams, response: { 204: Type.Null(), ...errors(404) } } },
    async (request, reply) => {
      await deleteMailbox(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${API_PREFIX}/email/inbound`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Mail that could not be filed (failed, the default), was set aside (ignored) with the reason, or is stored and waits to be filed (received)',
        querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('failed'), Type.Literal('ignored'), Type.Literal('received')])), ...PageQuery }),
        response: { 200: PageOf(InboundMailSchema), ...errors() },
      },
    },
    async (request) => listInboundMail(ctxOf(request), request.query),
  );

  app.post(
    `${API_PREFIX}/email/inbound/:id/reprocess`,
    { config: { auth: 'user' }, schema: { tags, summary: 'File a stored mail again', params: IdParams, response: { 200: ReprocessResult, ...errors(404, 409) } } },
    async (request) => reprocessInboundMail(ctxOf(request), key(), request.params.id),
  );

  app.get(
    `${API_PREFIX}/email/blocklist`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Blocked senders and domains', response: { 200: Type.Object({ data: Type.Array(BlockedSenderSchema) }), ...errors() } } },
    async (request) => ({ data: await listBlockedSenders(ctxOf(request)) }),
  );

  app.post(
    `${API_PREFIX}/email/blocklist`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Block an address or a domain',
        body: Type.Object({ pattern: Type.String({ minLength: 3, maxLength: 320 }), reason: Type.Optional(Type.String({ maxLength: 500 })) }),
        response: { 201: BlockedSenderSchema, ...errors(409) },
      },
    },
    async (request, reply) => reply.status(201).send(await blockSender(ctxOf(request), request.body)),
  );

  app.delete(
    `${API_PREFIX}/email/blocklist/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Unblock', params: IdParams, response: { 204: Type.Null(), ...errors(404) } } },
    async (request, reply) => {
      await unblockSender(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${API_PREFIX}/messages/:id/delivery`,
    { config: { auth: 'user' }, schema: { tags, summary: 'How mailing this reply went', params: IdParams, response: { 200: DeliverySchema, ...errors(404) } } },
    async (request) => getDelivery(ctxOf(request), request.params.id),
  );
  app.get(
    `${API_PREFIX}/email/messages`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Which of these messages came or went by email, and how mailing each reply went',
        querystring: IdsQuery,
        response: { 200: Type.Object({ data: Type.Array(MessageMailSchema) }), ...errors() },
      },
    },
    async (request) => ({ data: await listMessageMails(ctxOf(request), request.query.id) }),
  );
  app.get(
    `${API_PREFIX}/email/tickets/:id/reply-route`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'From which mailbox and to whom a public reply on this ticket is mailed, or why it would not be', params: IdParams, response: { 200: ReplyRouteSchema, ...errors(404) } },
    },
    async (request) => getReplyRoute(ctxOf(request), request.params.id),
  );
  app.put(
    `${API_PREFIX}/email/tickets/:id/cc`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: "Who is copied on the ticket's emailed replies, in place of whoever was",
        params: IdParams,
        body: Type.Object({ cc: Type.Array(Type.String({ maxLength: 320 }), { maxItems: 100 }) }),
        response: { 200: ReplyRouteSchema, ...errors(404, 409) },
      },
    },
    async (request) => setReplyCopies(ctxOf(request), request.params.id, request.body.cc),
  );
  app.post(
    `${API_PREFIX}/email/messages/:id/retry`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Mail again a reply that failed or came back', params: IdParams, response: { 200: DeliverySchema, ...errors(404, 409) } } },
    async (request) => resendEmailReply(ctxOf(request), request.params.id),
  );
  app.get(
    `${API_PREFIX}/messages/:id/original`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'The whole mail a message came in or went out as, quoted history included', params: IdParams, response: { 200: OriginalMailSchema, ...errors(404) } },
    },
    async (request) => getOriginalMail(ctxOf(request), request.params.id),
  );
  app.get(
    `${API_PREFIX}/messages/:id/raw`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'The raw source (RFC 5322) of a message that came or went by email', params: IdParams, response: { ...errors(404) } },
    },
    async (request, reply) => {
      const raw = await getRawSource(ctxOf(request), request.params.id);
      reply.header('content-type', 'message/rfc822');
      reply.header('content-disposition', `attachment; filename="message-${request.params.id}.eml"`);
      return reply.send(raw);
    },
  );

  app.get(
    `${API_PREFIX}/email/inbound/:id/cid/:contentId`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'An inline image of an inbound mail, by the Content-ID its HTML refers to',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), contentId: Type.String({ minLength: 1, maxLength: 998 }) }),
        response: { ...errors(404) },
      },
    },
    async (request, reply) => {
      const image = await getInlineImage(ctxOf(request), request.params.id, request.params.contentId);
      reply.header('content-type', image.contentType);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('content-security-policy', "default-src 'none'; sandbox");
      return reply.send(image.data);
    },
  );
}
