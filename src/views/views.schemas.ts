import { Type } from 'typebox';
import { Nullable, Timestamp } from '../platform/http/schemas.ts';
import { TicketFilterQuery, type TicketSort } from '../tickets/index.ts';

export const VIEW_SORTS = ['updated_desc', 'updated_asc', 'created_desc', 'created_asc', 'priority_desc'] as const satisfies readonly TicketSort[];

/** The same filters as `GET /api/v1/tickets`, so a view is a saved ticket-list query. */
export const ViewFilters = Type.Object(TicketFilterQuery, { additionalProperties: false });

export const ViewSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  shared: Type.Boolean(),
  ownerId: Nullable(Type.Integer()),
  filters: ViewFilters,
  sort: Type.Enum(VIEW_SORTS),
  position: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const name = Type.String({ minLength: 1, maxLength: 100 });
const shared = Type.Boolean({ description: 'Shared with everyone (needs views.manage_shared) or personal to you' });
const position = Type.Integer({ minimum: 0, maximum: 100_000 });

export const CreateViewBody = Type.Object({
  name,
  shared: Type.Optional(shared),
  filters: ViewFilters,
  sort: Type.Optional(Type.Enum(VIEW_SORTS)),
  position: Type.Optional(position),
});

export const UpdateViewBody = Type.Object(
  {
    name: Type.Optional(name),
    shared: Type.Optional(shared),
    filters: Type.Optional(ViewFilters),
    sort: Type.Optional(Type.Enum(VIEW_SORTS)),
    position: Type.Optional(position),
  },
  { minProperties: 1 },
);
