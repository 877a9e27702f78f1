import { type Static, Type } from 'typebox';
import type { Actor } from '../auth/index.ts';
import { invalid } from '../platform/errors.ts';
import { Nullable, PageQuery, Timestamp } from '../platform/http/schemas.ts';
import { CHANNELS, PRIORITIES, STATUSES, TICKET_TYPES, type TicketFilter } from './tickets.types.ts';


export const StatusSchema = Type.Enum(STATUSES);
export const PrioritySchema = Type.Enum(PRIORITIES);
export const TicketTypeSchema = Type.Enum(TICKET_TYPES);
export const ChannelSchema = Type.Enum(CHANNELS);
const Ref = Type.Object({ id: Type.Integer(), name: Type.String() });

export const TicketSchema = Type.Object(
  {
    id: Type.Integer(),
    subject: Type.String(),
    status: StatusSchema,
    priority: PrioritySchema,
    type: Nullable(TicketTypeSchema),
    channel: ChannelSchema,
    requester: Type.Object({ id: Type.Integer(), name: Type.String(), email: Nullable(Type.String()) }),
    assignee: Nullable(Ref),
    team: Nullable(Ref),
    tags: Type.Array(Type.String()),
    customFields: Type.Record(Type.String(), Type.Unknown()),
    mergedIntoId: Nullable(Type.Integer()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    firstResponseAt: Nullable(Timestamp),
    solvedAt: Nullable(Timestamp),
    closedAt: Nullable(Timestamp),
    lastMessageAt: Timestamp,
  },
  { $id: 'Ticket' },
);

export const AttachmentSchema = Type.Object({
  id: Type.Integer(),
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  contentId: Nullable(Type.String()),
});

export const MessageSchema = Type.Object(
  {
    id: Type.Integer(),
    ticketId: Type.Integer(),
    internal: Type.Boolean(),
    channel: ChannelSchema,
    author: Type.Object({ type: Type.Enum(['customer', 'agent', 'system'] as const), id: Nullable(Type.Integer()), name: Type.String() }),
    body: Type.String(),
    html: Nullable(Type.String()),
    attachments: Type.Array(AttachmentSchema),
    metadata: Type.Record(Type.String(), Type.Unknown()),
    createdAt: Timestamp,
  },
  { $id: 'Message' },
);

export const AttachmentInput = Type.Object({
  filename: Type.String({ minLength: 1, maxLength: 255 }),
  contentType: Type.String({ minLength: 3, maxLength: 255, default: 'application/octet-stream' }),
  data: Type.String({ description: 'File content, base64', contentEncoding: 'base64' }),
});

const MessageFields = {
  body: Type.Optional(Type.String({ maxLength: 1_000_000, description: 'Plain text; derived from html when omitted' })),
  html: Type.Optional(Type.String({ maxLength: 5_000_000, description: 'Sanitised on the way in; the original is kept for audit' })),
  attachments: Type.Optional(Type.Array(AttachmentInput, { maxItems: 20 })),
};

export const CreateTicketBody = Type.Object({
  subject: Type.String({ minLength: 1, maxLength: 500 }),
  requester: Type.Object({
    email: Type.Optional(Type.String({ maxLength: 320 })),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    name: Type.Optional(Type.String({ maxLength: 200 })),
  }),
  message: Type.Object({ ...MessageFields, author: Type.Optional(Type.Enum(['customer', 'agent'] as const)) }),
  status: Type.Optional(StatusSchema),
  priority: Type.Optional(PrioritySchema),
  type: Type.Optional(Nullable(TicketTypeSchema)),
  channel: Type.Optional(ChannelSchema),
  assigneeId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  teamId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  tags: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 50 })),
  customFields: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

export const UpdateTicketBody = Type.Object(
  {
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    status: Type.Optional(StatusSchema),
    priority: Type.Optional(PrioritySchema),
    type: Type.Optional(Nullable(TicketTypeSchema)),
    assigneeId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    teamId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    requesterId: Type.Optional(Type.Integer({ minimum: 1 })),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 50 })),
    addTags: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 50 })),
    removeTags: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 50 })),
    customFields: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { minProperties: 1 },
);

export const AddMessageBody = Type.Object({
  ...MessageFields,
  internal: Type.Optional(Type.Boolean({ default: false })),
  status: Type.Optional(StatusSchema),
});

export const TicketFilterQuery = {
  status: Type.Optional(Type.Array(StatusSchema, { description: 'Repeat for several' })),
  priority: Type.Optional(Type.Array(PrioritySchema)),
  channel: Type.Optional(Type.Array(ChannelSchema)),
  assigneeId: Type.Optional(Type.String({ pattern: '^(me|none|[0-9]+)$', description: '"me", "none" or an agent id' })),
  teamId: Type.Optional(Type.String({ pattern: '^(none|[0-9]+)$', description: '"none" or a team id' })),
  requesterId: Type.Optional(Type.Integer({ minimum: 1 })),
  tag: Type.Optional(Type.Array(Type.String(), { description: 'Tickets carrying all of these tags' })),
  createdAfter: Type.Optional(Type.String({ format: 'date-time' })),
  createdBefore: Type.Optional(Type.String({ format: 'date-time' })),
  updatedAfter: Type.Optional(Type.String({ format: 'date-time' })),
  q: Type.Optional(Type.String({ maxLength: 500, description: 'Full text over subjects and messages; "#1234" finds a ticket by number' })),
};

export const ListTicketsQuery = Type.Object({
  ...TicketFilterQuery,
  sort: Type.Optional(Type.Enum(['updated_desc', 'updated_asc', 'created_desc', 'created_asc', 'priority_desc'] as const)),
  ...PageQuery,
});

type FilterQuery = Static<typeof ListTicketsQuery>;

const idOrNone = (value: string | undefined, actor: Actor, field: string): number | null | undefined => {
  if (value === undefined) return undefined;
  if (value === 'none') return null;
  if (value === 'me') {
    if (actor.userId === null) throw invalid(field, '"me" needs a signed-in user');
    return actor.userId;
  }
  return Number(value);
};

export function ticketFilterFromQuery(query: Partial<FilterQuery>, actor: Actor): TicketFilter {
  return {
    status: query.status,
    priority: query.priority,
    channel: query.channel,
    assigneeId: idOrNone(query.assigneeId, actor, 'assigneeId'),
    teamId: idOrNone(query.teamId, actor, 'teamId'),
    requesterId: query.requesterId,
    tags: query.tag,
    createdAfter: query.createdAfter ? new Date(query.createdAfter) : undefined,
    createdBefore: query.createdBefore ? new Date(query.createdBefore) : undefined,
    updatedAfter: query.updatedAfter ? new Date(query.updatedAfter) : undefined,
    q: query.q,
  };
}
