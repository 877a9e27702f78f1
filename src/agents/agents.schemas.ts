import { Type } from 'typebox';
import { PageQuery, Timestamp } from '../platform/http/schemas.ts';
import { AGENT_STATUSES } from './agents.types.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-rules.ts';

export const AgentSchema = Type.Object(
  {
    id: Type.Integer(),
    email: Type.String(),
    name: Type.String(),
    role: Type.String({ description: 'Role key' }),
    roleName: Type.String(),
    status: Type.Enum(AGENT_STATUSES),
    timeZone: Type.String(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Agent' },
);

const RoleKey = Type.String({ minLength: 1, maxLength: 63, description: 'Role key, e.g. agent' });
const Password = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH });

export const InviteAgentBody = Type.Object({
  email: Type.String({ format: 'email', maxLength: 320 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  role: RoleKey,
  teamIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 100 })),
});

export const UpdateAgentBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  role: Type.Optional(RoleKey),
  timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
});

export const ListAgentsQuery = Type.Object({
  status: Type.Optional(Type.Enum(AGENT_STATUSES)),
  role: Type.Optional(RoleKey),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  ...PageQuery,
});

export const AcceptInviteBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }), password: Password });

export const ChangePasswordBody = Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }), newPassword: Password });

export const InvitationSchema = Type.Object({
  agent: Type.Ref('Agent'),
  inviteUrl: Type.String({ description: 'One-time sign-up link; shown only in this answer' }),
});
