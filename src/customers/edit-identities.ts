import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { type Queryable, withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, notFound } from '../platform/errors.ts';
import { type Customer, type CustomerIdentity, deleteIdentity, insertIdentities, lockIdentities, makePrimaryIdentity, selectCustomer, selectIdentityOwner } from './customers.queries.ts';
import { type IdentityKind, normalizeIdentity } from './identities.ts';
import { liveCustomer } from './live-customer.ts';

const identitiesView = (c: Customer) => c.identities.map(({ kind, value, isPrimary }) => ({ kind, value, isPrimary }));

async function recordIdentityChange(ctx: Ctx, tx: Queryable, action: string, before: Customer): Promise<Customer> {
  const after = (await selectCustomer(tx, before.id)) as Customer;
  const change = { from: identitiesView(before), to: identitiesView(after) };
  if (JSON.stringify(change.from) === JSON.stringify(change.to)) return after;
  await recordAudit(tx, ctx.actor, { action, entityType: 'customer', entityId: before.id, before: { identities: change.from }, after: { identities: change.to } });
  await emitEvent(tx, 'customer.updated', { customerId: before.id, changes: { identities: change } });
  return after;
}

/**
 * Gives a customer another way to reach them. An identity that is already someone else's is
 * refused (merge the two customers instead); one already theirs is kept, and made primary if asked.
 */
export async function addIdentity(ctx: Ctx, customerId: number, input: { kind: IdentityKind; value: string; primary?: boolean }): Promise<CustomerIdentity> {
  requirePermission(ctx.actor, 'customers.write');
  const identity = { kind: input.kind, value: normalizeIdentity(input.kind, input.value, 'value') };
  return withTransaction(ctx.db, async (tx) => {
    const before = await liveCustomer(tx, customerId);
    await lockIdentities(tx, [identity]);
    const owner = await selectIdentityOwner(tx, identity);
    if (owner && owner.customerId !== customerId) {
      throw conflict(`${identity.value} already belongs to customer #${owner.customerId}; merge the two customers instead`, 'value');
    }
    const identityId = owner?.identityId ?? ((await insertIdentities(tx, customerId, [identity]))[0] as CustomerIdentity).id;
    if (input.primary) await makePrimaryIdentity(tx, customerId, identityId);
    const after = await recordIdentityChange(ctx, tx, 'customer.identity_added', before);
    return after.identities.find((i) => i.id === identityId) as CustomerIdentity;
  });
}

export async function removeIdentity(ctx: Ctx, customerId: number, identityId: number): Promise<void> {
  requirePermission(ctx.actor, 'customers.write');
  await withTransaction(ctx.db, async (tx) => {
    const before = await liveCustomer(tx, customerId);
    if (!(await deleteIdentity(tx, customerId, identityId))) throw notFound('identity');
    await recordIdentityChange(ctx, tx, 'customer.identity_removed', before);
  });
}
