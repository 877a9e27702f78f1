import { Type } from 'typebox';
import { Nullable, PageQuery, Timestamp } from '../platform/http/schemas.ts';
import { CHANNELS, PRIORITIES, STATUSES } from '../tickets/index.ts';
import { SLA_METRICS } from './sla.types.ts';

const Minutes = Type.Integer({ minimum: 1, maximum: 525_600 });
const Ref = Type.Object({ id: Type.Integer(), name: Type.String() });

const Conditions = Type.Object(
  {
    priority: Type.Optional(Type.Array(Type.Enum(PRIORITIES), { maxItems: 4 })),
    channel: Type.Optional(Type.Array(Type.Enum(CHANNELS), { maxItems: 20 })),
    organizationId: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 1000 })),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 })),
  },
  { additionalProperties: false, description: 'All given lists must match; an empty object matches every ticket' },
);

const Escalation = Type.Object(
  {
    notifyUserIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 50 })),
    raisePriority: Type.Optional(Type.Boolean()),
    addTags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20 })),
    assigneeId: Type.Optional(Type.Integer({ minimum: 1 })),
    teamId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false, description: 'What a breach sets off' },
);

export const PolicySchema = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    position: Type.Integer(),
    active: Type.Boolean(),
    conditions: Conditions,
    firstResponseMinutes: Nullable(Type.Integer()),
    nextResponseMinutes: Nullable(Type.Integer()),
    resolutionMinutes: Nullable(Type.Integer()),
    warningMinutes: Type.Integer(),
    calendarId: Nullable(Type.Integer()),
    pauseStatuses: Type.Array(Type.Enum(STATUSES)),
    escalation: Escalation,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'SlaPolicy' },
);

const PolicyFieldsBody = {
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Policies are tried in this order; the first match applies' })),
  active: Type.Optional(Type.Boolean()),
  conditions: Type.Optional(Conditions),
  firstResponseMinutes: Type.Optional(Nullable(Minutes)),
  nextResponseMinutes: Type.Optional(Nullable(Minutes)),
  resolutionMinutes: Type.Optional(Nullable(Minutes)),
  warningMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 525_600, description: 'Warn this long before a breach; 0 for no warning' })),
  calendarId: Type.Optional(Nullable(Type.Integer({ minimum: 1, description: 'Business-hours calendar; null counts calendar hours' }))),
  pauseStatuses: Type.Optional(Type.Array(Type.Enum(['pending', 'on_hold'] as const), { description: 'Statuses during which the clocks stand still' })),
  escalation: Type.Optional(Escalation),
};

export const CreatePolicyBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), ...PolicyFieldsBody });
export const UpdatePolicyBody = Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), ...PolicyFieldsBody });

const ClockFields = {
  ticketId: Type.Integer(),
  metric: Type.Enum(SLA_METRICS),
  state: Type.Enum(['running', 'paused', 'met'] as const),
  cycleStartedAt: Timestamp,
  dueAt: Nullable(Timestamp),
  warnAt: Nullable(Timestamp),
  stoppedAt: Nullable(Timestamp),
  elapsedMinutes: Type.Integer({ description: 'Time used before the clock last (re)started, in the policy’s kind of minutes' }),
  warnedAt: Nullable(Timestamp),
  breachedAt: Nullable(Timestamp),
  breached: Type.Boolean(),
};

export const TicketSlaSchema = Type.Object({ policy: Nullable(Ref), clocks: Type.Array(Type.Object(ClockFields)) });

export const ListedClockSchema = Type.Object({
  ...ClockFields,
  policyName: Type.String(),
  ticket: Type.Object({ subject: Type.String(), status: Type.String(), priority: Type.String(), assignee: Nullable(Ref), team: Nullable(Ref) }),
});

export const ClockListQuery = Type.Object(PageQuery);
