import { Type } from 'typebox';
import { Nullable, Timestamp } from '../../platform/http/schemas.ts';
import { CALLBACK_SOURCES, CALLBACK_STATUSES } from './callbacks.types.ts';

export const CallOutcome = Type.Enum(['answered', 'missed', 'voicemail', 'busy', 'failed'] as const);
export const CallStatus = Type.Enum(['ringing', 'answered', 'ended'] as const);
export const CallDirection = Type.Enum(['inbound', 'outbound'] as const);

export const CallSchema = Type.Object({
  id: Type.Integer(),
  direction: CallDirection,
  customerId: Type.Integer(),
  ticketId: Type.Integer(),
  phone: Type.String(),
  agentId: Nullable(Type.Integer()),
  status: CallStatus,
  outcome: Nullable(CallOutcome),
  disposition: Nullable(Type.String()),
  notes: Type.String(),
  recordingUrl: Nullable(Type.String()),
  startedAt: Timestamp,
  answeredAt: Nullable(Timestamp),
  endedAt: Nullable(Timestamp),
  durationSeconds: Nullable(Type.Integer()),
});

export const PhoneChannelSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  teamId: Nullable(Type.Integer({ description: 'The team whose tickets its calls open' })),
  active: Type.Boolean({ description: 'An inactive channel\'s webhook answers 404; its calls stay' }),
  webhookPath: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CreatePhoneChannelBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  teamId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
});

export const UpdatePhoneChannelBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  teamId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  active: Type.Optional(Type.Boolean()),
});

const MaxWaitSeconds = Type.Integer({ minimum: 30, maximum: 7 * 86_400, description: 'How long a callback may wait before the lead is told' });

export const CallbackQueueSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  maxWaitSeconds: Type.Integer(),
  leadUserId: Nullable(Type.Integer()),
  teamId: Nullable(Type.Integer()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CreateCallbackQueueBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  maxWaitSeconds: MaxWaitSeconds,
  leadUserId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  teamId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
});

export const UpdateCallbackQueueBody = Type.Partial(CreateCallbackQueueBody);

export const CallbackSchema = Type.Object({
  id: Type.Integer(),
  queueId: Type.Integer(),
  customerId: Type.Integer(),
  ticketId: Type.Integer(),
  phone: Type.String(),
  name: Type.String(),
  reason: Type.String(),
  source: Type.Enum(CALLBACK_SOURCES),
  status: Type.Enum(CALLBACK_STATUSES),
  offeredTo: Nullable(Type.Integer()),
  offeredAt: Nullable(Timestamp),
  takenBy: Nullable(Type.Integer()),
  takenAt: Nullable(Timestamp),
  requestedAt: Timestamp,
  dueAt: Timestamp,
  escalatedAt: Nullable(Timestamp),
  doneAt: Nullable(Timestamp),
  outcome: Nullable(CallOutcome),
  callId: Nullable(Type.Integer()),
  notes: Type.String(),
});

export const RequestCallbackBody = Type.Object({
  queueId: Type.Integer({ minimum: 1 }),
  phone: Type.String({ minLength: 3, maxLength: 40 }),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
  ticketId: Type.Optional(Type.Integer({ minimum: 1 })),
  email: Type.Optional(Type.String({ maxLength: 320, description: 'The customer\'s email too, so the callback lands on the customer known by it' })),
});

export const CallbackListQuery = Type.Object({
  status: Type.Optional(Type.Array(Type.Enum(CALLBACK_STATUSES), { maxItems: 5 })),
  queueId: Type.Optional(Type.Integer({ minimum: 1 })),
  mine: Type.Optional(Type.Boolean()),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
});

export const CompleteCallbackBody = Type.Object({
  outcome: CallOutcome,
  notes: Type.Optional(Type.String({ maxLength: 20_000 })),
  callId: Type.Optional(Type.Integer({ minimum: 1, description: 'The call record of the call made; default: one is logged now' })),
  durationSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 })),
});

export const CancelCallbackBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) });

const AgentOnPhoneSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  availability: Type.Enum(['online', 'away', 'offline'] as const),
  activity: Type.Enum(['on_call', 'calling_back', 'offered', 'free'] as const),
  callId: Nullable(Type.Integer()),
  callbackId: Nullable(Type.Integer()),
  since: Nullable(Timestamp),
});

export const LiveCallQueueSchema = Type.Object({
  at: Timestamp,
  callsWaiting: Type.Integer(),
  callbacksWaiting: Type.Integer(),
  longestWaitSeconds: Type.Integer(),
  agentsOnCall: Type.Integer(),
  calls: Type.Array(CallSchema),
  callbacks: Type.Array(CallbackSchema),
  queues: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      maxWaitSeconds: Type.Integer(),
      waiting: Type.Integer(),
      offered: Type.Integer(),
      taken: Type.Integer(),
      escalated: Type.Integer(),
      longestWaitSeconds: Type.Integer(),
    }),
  ),
  agents: Type.Array(AgentOnPhoneSchema),
});
