import { Type } from 'typebox';
import { Timestamp } from '../platform/http/schemas.ts';
import { CUSTOM_FIELD_TYPES } from './custom-fields.types.ts';

const Label = Type.String({ minLength: 1, maxLength: 200 });
const Options = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 500, description: 'The choices of a dropdown; empty for other types' });
const Position = Type.Integer({ minimum: 0, maximum: 100_000 });

export const CustomFieldSchema = Type.Object({
  id: Type.Integer(),
  key: Type.String(),
  label: Type.String(),
  type: Type.Enum(CUSTOM_FIELD_TYPES),
  options: Type.Array(Type.String()),
  required: Type.Boolean(),
  active: Type.Boolean(),
  position: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CreateCustomFieldBody = Type.Object({
  key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$', description: 'Lower-case letters, digits and _, starting with a letter; fixed once created' }),
  label: Label,
  type: Type.Enum(CUSTOM_FIELD_TYPES, { description: 'Fixed once created' }),
  options: Type.Optional(Options),
  required: Type.Optional(Type.Boolean()),
  active: Type.Optional(Type.Boolean()),
  position: Type.Optional(Position),
});

export const UpdateCustomFieldBody = Type.Object({
  label: Type.Optional(Label),
  options: Type.Optional(Options),
  required: Type.Optional(Type.Boolean()),
  active: Type.Optional(Type.Boolean()),
  position: Type.Optional(Position),
});
