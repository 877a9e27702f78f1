import { type Static, Type } from 'typebox';
import { Nullable, Timestamp } from '../platform/http/schemas.ts';
import { PRIORITIES, STATUSES } from '../tickets/index.ts';

/** What applying a macro does to a ticket. The reply may hold {{placeholders}} filled in by the app. */
export const MacroActions = Type.Object(
  {
    reply: Type.Optional(Type.String({ maxLength: 100_000, description: 'Text put in the reply box; {{customer.first_name}}, {{customer.name}}, {{agent.name}}, {{ticket.id}} are filled in' })),
    internal: Type.Optional(Type.Boolean({ description: 'The text is an internal note rather than a public reply' })),
    status: Type.Optional(Type.Enum(STATUSES)),
    priority: Type.Optional(Type.Enum(PRIORITIES)),
    addTags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 20 })),
    assignToMe: Type.Optional(Type.Boolean()),
    teamId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  },
  { additionalProperties: false },
);
export type MacroActions = Static<typeof MacroActions>;

export const MacroSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  shared: Type.Boolean(),
  ownerId: Nullable(Type.Integer()),
  actions: MacroActions,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const name = Type.String({ minLength: 1, maxLength: 120 });
const shared = Type.Boolean({ description: 'Shared with every agent (needs settings.manage) or personal to you' });

export const CreateMacroBody = Type.Object({ name, shared: Type.Optional(shared), actions: MacroActions });
export const UpdateMacroBody = Type.Object({ name: Type.Optional(name), shared: Type.Optional(shared), actions: Type.Optional(MacroActions) }, { minProperties: 1 });
