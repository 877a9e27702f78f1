import { Type } from 'typebox';
import { Timestamp } from '../platform/http/schemas.ts';

export const TeamSchema = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    description: Type.String(),
    memberCount: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Team' },
);

export const TeamMemberSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: Type.String(),
  status: Type.Enum(['invited', 'active', 'deactivated'] as const),
});

export const CreateTeamBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
});

export const UpdateTeamBody = Type.Partial(CreateTeamBody);

export const MemberParams = Type.Object({ id: Type.Integer({ minimum: 1 }), userId: Type.Integer({ minimum: 1 }) });
