import { type TSchema, Type } from 'typebox';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      field: Type.Optional(Type.String()),
    }),
  },
  { $id: 'Error' },
);

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** Several ids in a query string (`?id=1&id=2`): a whole thread's messages asked about in one request. */
export const IdsQuery = Type.Object({ id: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 500, description: 'Ids; repeat for several' }) });

export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
};

export const PageOf = <T extends TSchema>(item: T) => Type.Object({ data: Type.Array(item), nextCursor: Nullable(Type.String()) });

/** Actions return `Date`s; the serializer writes them as ISO 8601 strings. */
export const Timestamp = Type.Unsafe<Date>({ type: 'string', format: 'date-time' });

/** The error answers every authenticated route may give. */
export const errors = (...codes: number[]) =>
  Object.fromEntries([400, 401, 403, ...codes].map((code) => [code, Type.Ref('Error')])) as Record<number, TSchema>;
