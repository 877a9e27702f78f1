import { recordAudit } from '../audit/index.ts';
import type { Actor } from '../auth/index.ts';
import type { Queryable } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import { conflict } from '../platform/errors.ts';
import { setOrganization } from './customers.queries.ts';
import { lockDomains, type OrganizationFields, selectDomainOwners } from './organizations.queries.ts';

/** An email domain belongs to one organization, so that new customers join exactly one. */
export async function claimDomains(tx: Queryable, domains: string[], organizationId: number | null): Promise<void> {
  await lockDomains(tx, domains);
  const [taken] = await selectDomainOwners(tx, domains, organizationId);
  if (taken) throw conflict(`${taken.domain} already belongs to the organization ${taken.name} (#${taken.id})`, 'domains');
}

/** Turns the case-insensitive unique name into a 409 naming the field. */
export function mapOrganizationConstraint(error: unknown): never {
  const e = error as { code?: string; constraint?: string };
  if (e.code === '23505' && e.constraint === 'organizations_name_idx') throw conflict('an organization with this name already exists', 'name');
  throw error;
}

export const organizationView = (o: OrganizationFields): OrganizationFields => ({ name: o.name, domains: o.domains, notes: o.notes, attributes: o.attributes });

/** Puts customers in an organization (or none), auditing each one that changes. Returns how many did. */
export async function setMembership(tx: Queryable, actor: Actor, customerIds: number[], organizationId: number | null): Promise<number> {
  const changed = await setOrganization(tx, customerIds, organizationId);
  for (const { id, before } of changed) {
    await recordAudit(tx, actor, { action: 'customer.updated', entityType: 'customer', entityId: id, before: { organizationId: before }, after: { organizationId } });
    await emitEvent(tx, 'customer.updated', { customerId: id, changes: { organizationId: { from: before, to: organizationId } } });
  }
  return changed.length;
}
