import type { Customer, CustomerFields } from './customers.queries.ts';

/** The editable fields of a customer as stored. */
export const fieldsOf = (c: Customer): CustomerFields => ({
  name: c.name,
  organizationId: c.organization?.id ?? null,
  language: c.language,
  timeZone: c.timeZone,
  tags: c.tags,
  attributes: c.attributes,
});

/** What the audit log and events record of a customer. */
export const auditView = (c: Customer) => ({
  ...fieldsOf(c),
  identities: c.identities.map(({ kind, value, isPrimary }) => ({ kind, value, isPrimary })),
  mergedIntoId: c.mergedIntoId,
});

const isSame = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields that differ, as `{ field: { from, to } }`, for events and audit. */
export function changesBetween<T extends object>(before: T, after: T): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    if (!isSame(before[key], after[key])) changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}
