import { Type } from 'typebox';
import { Nullable, Timestamp } from '../../platform/http/schemas.ts';

const ImapInput = Type.Object({
  host: Type.String({ minLength: 1, maxLength: 255 }),
  port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
  tls: Type.Optional(Type.Boolean()),
  user: Type.String({ minLength: 1, maxLength: 320 }),
  password: Type.Optional(Type.String({ maxLength: 1000, description: 'Stored encrypted; never returned' })),
  folder: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  after: Type.Optional(Type.Union([Type.Literal('seen'), Type.Literal('move')], { description: 'What to do with a fetched mail once stored' })),
  moveTo: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 255 }))),
});

const SmtpInput = Type.Object({
  host: Type.String({ minLength: 1, maxLength: 255 }),
  port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
  secure: Type.Optional(Type.Boolean({ description: 'TLS from the start (port 465); otherwise STARTTLS when offered' })),
  user: Type.Optional(Nullable(Type.String({ maxLength: 320 }))),
  password: Type.Optional(Nullable(Type.String({ maxLength: 1000, description: 'Stored encrypted; never returned' }))),
});

const mailboxFields = {
  name: Type.Optional(Type.String({ maxLength: 200 })),
  teamId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  inbound: Type.Optional(Type.Union([Type.Literal('smtp'), Type.Literal('imap')], { description: "'smtp': Tend's own SMTP listener receives it; 'imap': Tend fetches it" })),
  imap: Type.Optional(Nullable(ImapInput)),
  smtp: Type.Optional(Nullable(SmtpInput)),
  active: Type.Optional(Type.Boolean()),
};

export const CreateMailboxBody = Type.Object({ address: Type.String({ format: 'email', maxLength: 320 }), ...mailboxFields });
export const UpdateMailboxBody = Type.Object({ address: Type.Optional(Type.String({ format: 'email', maxLength: 320 })), ...mailboxFields });

export const MailboxSchema = Type.Object({
  id: Type.Integer(),
  address: Type.String(),
  name: Type.String(),
  teamId: Nullable(Type.Integer()),
  inbound: Type.String(),
  imap: Type.Object({
    host: Nullable(Type.String()),
    port: Nullable(Type.Integer()),
    tls: Type.Boolean(),
    user: Nullable(Type.String()),
    folder: Type.String(),
    after: Type.String(),
    moveTo: Nullable(Type.String()),
  }),
  smtp: Type.Object({ host: Nullable(Type.String()), port: Nullable(Type.Integer()), secure: Type.Boolean(), user: Nullable(Type.String()) }),
  hasImapPassword: Type.Boolean(),
  hasSmtpPassword: Type.Boolean(),
  outgoing: Type.Union([Type.Literal('own'), Type.Literal('relay'), Type.Literal('none')], {
    description: "How replies go out: the mailbox's own SMTP server, the server-wide SMTP_URL relay, or not at all",
  }),
  active: Type.Boolean(),
  status: Type.String({ description: "'failed' when the mailbox cannot be read; see lastError" }),
  lastError: Nullable(Type.String()),
  lastErrorAt: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const InboundMailSchema = Type.Object({
  id: Type.Integer(),
  mailboxId: Nullable(Type.Integer()),
  source: Type.String(),
  messageId: Nullable(Type.String()),
  envelopeFrom: Nullable(Type.String()),
  envelopeTo: Type.Array(Type.String()),
  fromAddress: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  status: Type.String(),
  reason: Nullable(Type.String()),
  ticketId: Nullable(Type.Integer()),
  receivedAt: Timestamp,
});

export const ReprocessResult = Type.Object({
  status: Type.String(),
  reason: Nullable(Type.String()),
  ticketId: Nullable(Type.Integer()),
  ticketMessageId: Nullable(Type.Integer()),
});

export const BlockedSenderSchema = Type.Object({ id: Type.Integer(), pattern: Type.String(), reason: Type.String(), createdAt: Timestamp });

export const DeliverySchema = Type.Object({
  messageId: Type.Integer(),
  ticketId: Type.Integer(),
  messageIdHeader: Type.String(),
  to: Type.Array(Type.String()),
  cc: Type.Array(Type.String()),
  status: Type.String({ description: 'queued, sent, failed or bounced' }),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String({ description: "The receiving server's answer when sending failed or bounced" })),
  smtpResponse: Nullable(Type.String()),
  createdAt: Timestamp,
  sentAt: Nullable(Timestamp),
});

const Address = Type.Object({ address: Type.String(), name: Type.String() });

export const OriginalMailSchema = Type.Object({
  subject: Type.String(),
  from: Nullable(Address),
  to: Type.Array(Address),
  cc: Type.Array(Address),
  date: Nullable(Timestamp),
  text: Type.String({ description: 'The whole text, quoted history and signature included' }),
  html: Nullable(Type.String({ description: 'Sanitized' })),
});

const { status, attempts, lastError, to, cc, sentAt } = DeliverySchema.properties;
const deliveryState = { status, attempts, lastError, to, cc, sentAt };

export const MessageMailSchema = Type.Object({
  messageId: Type.Integer(),
  source: Type.Boolean({ description: 'The mail is kept: GET /messages/{id}/original and /raw answer it' }),
  delivery: Nullable(Type.Object({ ...deliveryState, updatedAt: Timestamp })),
});

export const ReplyRouteSchema = Type.Object({
  mailed: Type.Boolean({ description: 'Public replies on this ticket are mailed (it is answered by email)' }),
  from: Nullable(Type.String({ description: 'The mailbox they are sent from' })),
  to: Nullable(Type.String()),
  cc: Type.Array(Type.String()),
  problem: Nullable(Type.String({ description: 'Why a reply would not reach the customer by mail, when it would not' })),
});
