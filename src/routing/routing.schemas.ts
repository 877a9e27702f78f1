import { Type } from 'typebox';
import { Nullable, Timestamp } from '../platform/http/schemas.ts';
import { CHANNELS, PRIORITIES } from '../tickets/index.ts';
import { AVAILABILITY, STRATEGIES } from './routing.types.ts';

const Skill = Type.String({ minLength: 1, maxLength: 100 });

const Conditions = Type.Object(
  {
    priority: Type.Optional(Type.Array(Type.Enum(PRIORITIES), { maxItems: 4 })),
    channel: Type.Optional(Type.Array(Type.Enum(CHANNELS), { maxItems: 20 })),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 })),
    language: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 35 }), { maxItems: 50, description: 'The customer’s language (BCP 47); "de" also matches "de-AT"' })),
    organizationId: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 100, description: 'The customer’s organization' })),
    customerTags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100, description: 'Customer segments: the customer carries any of these tags' })),
  },
  { additionalProperties: false },
);

const SkillRule = Type.Object({ when: Conditions, skill: Skill, minLevel: Type.Integer({ minimum: 1, maximum: 5 }) });

const MaxWaitAction = Type.Union([
  Type.Object({ kind: Type.Literal('overflow'), queueId: Type.Integer({ minimum: 1 }) }),
  Type.Object({ kind: Type.Literal('escalate'), notifyUserIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 50 })), raisePriority: Type.Optional(Type.Boolean()) }),
  Type.Object({ kind: Type.Literal('auto_reply'), body: Type.String({ minLength: 1, maxLength: 10_000, description: '{{position}} is replaced by the place in line' }) }),
]);

export const QueueSchema = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    teamId: Type.Integer(),
    position: Type.Integer(),
    active: Type.Boolean(),
    strategy: Type.Enum(STRATEGIES),
    conditions: Conditions,
    skillRules: Type.Array(SkillRule),
    sticky: Type.Boolean(),
    maxWaitMinutes: Nullable(Type.Integer()),
    onMaxWait: Nullable(MaxWaitAction),
    calendarId: Nullable(Type.Integer()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'RoutingQueue' },
);

const QueueFieldsBody = {
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Tickets are matched against queues in this order' })),
  active: Type.Optional(Type.Boolean()),
  conditions: Type.Optional(Conditions),
  skillRules: Type.Optional(Type.Array(SkillRule, { maxItems: 100, description: 'Skills a matching ticket requires' })),
  sticky: Type.Optional(Type.Boolean({ description: 'Prefer the agent who last helped this customer when available' })),
  maxWaitMinutes: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 525_600 }))),
  onMaxWait: Type.Optional(Nullable(MaxWaitAction)),
  calendarId: Type.Optional(Nullable(Type.Integer({ minimum: 1, description: 'Count the maximum wait in these business hours' }))),
};

export const CreateQueueBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), teamId: Type.Integer({ minimum: 1 }), strategy: Type.Enum(STRATEGIES), ...QueueFieldsBody });
export const UpdateQueueBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  teamId: Type.Optional(Type.Integer({ minimum: 1 })),
  strategy: Type.Optional(Type.Enum(STRATEGIES)),
  ...QueueFieldsBody,
});

const Capacities = Type.Record(Type.String({ maxLength: 20 }), Type.Integer({ minimum: 0, maximum: 10_000 }), {
  description: `Max concurrent live tickets per channel (${CHANNELS.join(', ')}); "*" for channels without their own entry; none: unlimited`,
});

export const AgentRoutingSchema = Type.Object({
  userId: Type.Integer(),
  name: Type.String(),
  status: Type.Enum(AVAILABILITY),
  changedAt: Nullable(Timestamp),
  autoAway: Nullable(Type.Enum(['idle', 'off_shift'] as const, { description: 'Why the system set them away: idle too long, or outside their shift' })),
  lastActiveAt: Nullable(Timestamp),
  idleAwayMinutes: Type.Integer(),
  shiftCalendarId: Nullable(Type.Integer()),
  capacities: Type.Record(Type.String(), Type.Integer()),
  skills: Type.Array(Type.Object({ skill: Type.String(), level: Type.Integer() })),
  load: Type.Record(Type.String(), Type.Integer(), { description: 'Live (new or open) assigned tickets per channel' }),
});

export const AvailabilityBody = Type.Object({ status: Type.Enum(AVAILABILITY) });

export const RoutingProfileBody = Type.Object({
  capacities: Type.Optional(Capacities),
  skills: Type.Optional(Type.Array(Type.Object({ skill: Skill, level: Type.Integer({ minimum: 1, maximum: 5 }) }), { maxItems: 100 })),
  idleAwayMinutes: Type.Optional(Type.Union([Type.Literal(0), Type.Integer({ minimum: 5, maximum: 1440 })], { description: 'Set away after this many minutes without activity; 0: never' })),
  shiftCalendarId: Type.Optional(Nullable(Type.Integer({ minimum: 1, description: 'Set away outside this business-hours calendar; null: no shift' }))),
});

export const TransferBody = Type.Object({
  assigneeId: Type.Optional(Type.Integer({ minimum: 1 })),
  teamId: Type.Optional(Type.Integer({ minimum: 1 })),
  note: Type.String({ minLength: 1, maxLength: 10_000 }),
  followUpMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 525_600 })),
});

export const OverviewSchema = Type.Object({
  queues: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      teamId: Type.Integer(),
      strategy: Type.Enum(STRATEGIES),
      waiting: Type.Integer(),
      oldestEnqueuedAt: Nullable(Timestamp),
      longestWaitSeconds: Type.Integer(),
    }),
  ),
  agents: Type.Array(AgentRoutingSchema),
});
