import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, invalid } from '../platform/errors.ts';
import { auditView } from './customer-audit.ts';
import { normalizeTags } from '../platform/tags.ts';
import { emailDomain, mapCustomerConstraint, normalizeLanguage, normalizeTimeZone } from './customer-fields.ts';
import { type Customer, insertCustomer, insertIdentities, lockIdentities, selectCustomer, selectIdentityOwner } from './customers.queries.ts';
import { type IdentitiesInput, identitiesOf } from './identities.ts';
import { selectOrganizationIdByDomain } from './organizations.queries.ts';

export interface CreateCustomerInput extends IdentitiesInput {
  name: string;
  /** Omitted: the organization owning the first email's domain, if any. */
  organizationId?: number | null;
  language?: string | null;
  timeZone?: string | null;
  tags?: string[];
  attributes?: Record<string, unknown>;
}

/** Adds a customer by hand; an address that already belongs to someone is refused, naming it. */
export async function createCustomer(ctx: Ctx, input: CreateCustomerInput): Promise<Customer> {
  requirePermission(ctx.actor, 'customers.write');
  const name = input.name.trim();
  if (!name) throw invalid('name', 'name must not be empty');
  const identities = identitiesOf(input);
  const language = input.language ? normalizeLanguage(input.language) : null;
  const timeZone = input.timeZone ? normalizeTimeZone(input.timeZone) : null;
  const tags = normalizeTags(input.tags ?? []);

  const id = await withTransaction(ctx.db, async (tx) => {
    await lockIdentities(tx, identities);
    for (const identity of identities) {
      const owner = await selectIdentityOwner(tx, identity);
      if (owner) throw conflict(`${identity.value} already belongs to customer #${owner.customerId}`, identity.field);
    }
    const email = identities.find((i) => i.kind === 'email')?.value;
    const organizationId = input.organizationId !== undefined ? input.organizationId : email ? await selectOrganizationIdByDomain(tx, emailDomain(email)) : null;
    const id = await insertCustomer(tx, { name, organizationId, language, timeZone, tags, attributes: input.attributes ?? {} }).catch(mapCustomerConstraint);
    await insertIdentities(tx, id, identities);
    const customer = (await selectCustomer(tx, id)) as Customer;
    await recordAudit(tx, ctx.actor, { action: 'customer.created', entityType: 'customer', entityId: id, after: auditView(customer) });
    await emitEvent(tx, 'customer.created', { customerId: id, customer: auditView(customer) });
    return id;
  });
  return (await selectCustomer(ctx.db, id)) as Customer;
}
