import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, invalid, notFound } from '../platform/errors.ts';
import { reassignCustomer } from '../tickets/index.ts';
import { auditView, fieldsOf } from './customer-audit.ts';
import { normalizeTags } from '../platform/tags.ts';
import { type Customer, markMerged, moveIdentitiesAndNotes, selectCustomer, updateCustomerRow } from './customers.queries.ts';

/**
 * Merges a duplicate into the customer to keep: identities, notes, tickets and authorship of
 * messages move over, tags join, and the target's attributes and fields win where both have
 * one. The source stays, pointing at the target, so old links and lookups can follow it.
 */
export async function mergeCustomers(ctx: Ctx, targetId: number, sourceId: number): Promise<Customer> {
  requirePermission(ctx.actor, 'customers.merge');
  if (sourceId === targetId) throw invalid('sourceId', 'a customer cannot be merged into itself');

  await withTransaction(ctx.db, async (tx) => {
    // Lock in id order so two merges of the same pair cannot deadlock.
    const locked = new Map<number, Customer>();
    for (const id of [targetId, sourceId].sort((a, b) => a - b)) {
      const customer = await selectCustomer(tx, id, true);
      if (!customer) throw id === targetId ? notFound('customer') : invalid('sourceId', `customer #${id} does not exist`);
      if (customer.mergedIntoId) throw conflict(`customer #${id} was already merged into #${customer.mergedIntoId}`, id === targetId ? 'id' : 'sourceId');
      locked.set(id, customer);
    }
    const target = locked.get(targetId) as Customer;
    const source = locked.get(sourceId) as Customer;
    const [t, s] = [fieldsOf(target), fieldsOf(source)];
    await updateCustomerRow(tx, targetId, {
      name: t.name || s.name,
      organizationId: t.organizationId ?? s.organizationId,
      language: t.language ?? s.language,
      timeZone: t.timeZone ?? s.timeZone,
      tags: normalizeTags([...t.tags, ...s.tags]),
      attributes: { ...s.attributes, ...t.attributes },
    });
    const moved = await moveIdentitiesAndNotes(tx, sourceId, targetId);
    const reassigned = await reassignCustomer(tx, sourceId, targetId);
    await markMerged(tx, sourceId, targetId);

    const after = (await selectCustomer(tx, targetId)) as Customer;
    const summary = { sourceId, identities: moved.identities, notes: moved.notes, tickets: reassigned.tickets, messages: reassigned.messages };
    await recordAudit(tx, ctx.actor, { action: 'customer.merged_into', entityType: 'customer', entityId: sourceId, before: auditView(source), after: { mergedIntoId: targetId } });
    await recordAudit(tx, ctx.actor, { action: 'customer.merged', entityType: 'customer', entityId: targetId, before: auditView(target), after: { ...auditView(after), merged: summary } });
    await emitEvent(tx, 'customer.merged', { customerId: targetId, ...summary });
  });
  return (await selectCustomer(ctx.db, targetId)) as Customer;
}
