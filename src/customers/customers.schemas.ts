import { type TSchema, Type } from 'typebox';
import { Nullable, PageQuery, Timestamp } from '../platform/http/schemas.ts';
import { IDENTITY_KINDS } from './identities.ts';

export const IdentityKindSchema = Type.Enum(IDENTITY_KINDS);

export const IdentitySchema = Type.Object({
  id: Type.Integer(),
  kind: IdentityKindSchema,
  value: Type.String(),
  isPrimary: Type.Boolean(),
  createdAt: Timestamp,
});

const Attributes = Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { description: 'Free-form custom attributes (a JSON object)' });
const Tags = Type.Array(Type.String({ maxLength: 80 }), { maxItems: 50 });
const Language = Type.String({ maxLength: 35, description: 'BCP 47 language tag, e.g. "en" or "pt-BR"' });
const TimeZone = Type.String({ maxLength: 64, description: 'IANA time zone, e.g. "Europe/Berlin"' });
/** Null listed first: with type coercion on, a string-first union would turn null into "". */
const Clearable = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);

export const CustomerSchema = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    organization: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
    language: Nullable(Type.String()),
    timeZone: Nullable(Type.String()),
    tags: Type.Array(Type.String()),
    attributes: Type.Record(Type.String(), Type.Unknown()),
    identities: Type.Array(IdentitySchema),
    mergedIntoId: Nullable(Type.Integer({ description: 'Set when this customer was merged into another; follow it' })),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Customer' },
);

export const IdentityInput = Type.Object({ kind: IdentityKindSchema, value: Type.String({ minLength: 1, maxLength: 320 }) });

export const CreateCustomerBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  emails: Type.Optional(Type.Array(Type.String({ maxLength: 320 }), { maxItems: 20 })),
  phones: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
  identities: Type.Optional(Type.Array(IdentityInput, { maxItems: 20, description: 'Chat, WhatsApp, Messenger or external ids' })),
  organizationId: Type.Optional(Nullable(Type.Integer({ minimum: 1, description: 'Omitted: joins the organization owning the email domain, if any' }))),
  language: Type.Optional(Clearable(Language)),
  timeZone: Type.Optional(Clearable(TimeZone)),
  tags: Type.Optional(Tags),
  attributes: Type.Optional(Attributes),
});

export const UpdateCustomerBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    organizationId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    language: Type.Optional(Clearable(Language)),
    timeZone: Type.Optional(Clearable(TimeZone)),
    tags: Type.Optional(Tags),
    attributes: Type.Optional(Attributes),
  },
  { minProperties: 1 },
);

export const ListCustomersQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Name, email, phone or other identity; typo-tolerant, best matches first' })),
  organizationId: Type.Optional(Type.Integer({ minimum: 1 })),
  tag: Type.Optional(Type.Array(Type.String(), { description: 'Customers carrying all of these tags' })),
  ...PageQuery,
});

export const AddIdentityBody = Type.Object({ ...IdentityInput.properties, primary: Type.Optional(Type.Boolean({ default: false })) });

export const NoteSchema = Type.Object({
  id: Type.Integer(),
  customerId: Type.Integer(),
  body: Type.String(),
  author: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  createdAt: Timestamp,
});

export const AddNoteBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 20_000 }) });

export const MergeCustomersBody = Type.Object({ sourceId: Type.Integer({ minimum: 1, description: 'The duplicate, merged into the customer in the path' }) });

export const OrganizationSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  domains: Type.Array(Type.String()),
  notes: Type.String(),
  attributes: Type.Record(Type.String(), Type.Unknown()),
  memberCount: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const Domains = Type.Array(Type.String({ maxLength: 253 }), { maxItems: 50, description: 'Email domains; new customers with such an address join' });

export const CreateOrganizationBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  domains: Type.Optional(Domains),
  notes: Type.Optional(Type.String({ maxLength: 20_000 })),
  attributes: Type.Optional(Attributes),
});

export const UpdateOrganizationBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    domains: Type.Optional(Domains),
    notes: Type.Optional(Type.String({ maxLength: 20_000 })),
    attributes: Type.Optional(Attributes),
  },
  { minProperties: 1 },
);

export const ListOrganizationsQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Name (typo-tolerant) or an email domain' })),
  ...PageQuery,
});

export const AssignMembersBody = Type.Object({ customerIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 500 }) });
