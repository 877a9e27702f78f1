import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { changesBetween, fieldsOf } from './customer-audit.ts';
import { normalizeTags } from '../platform/tags.ts';
import { mapCustomerConstraint, normalizeLanguage, normalizeTimeZone } from './customer-fields.ts';
import { type Customer, type CustomerFields, selectCustomer, updateCustomerRow } from './customers.queries.ts';
import { liveCustomer } from './live-customer.ts';

export interface CustomerPatch {
  name?: string;
  organizationId?: number | null;
  language?: string | null;
  timeZone?: string | null;
  /** Replaces the tags. */
  tags?: string[];
  /** Replaces the attributes. */
  attributes?: Record<string, unknown>;
}

export async function updateCustomer(ctx: Ctx, id: number, patch: CustomerPatch): Promise<Customer> {
  requirePermission(ctx.actor, 'customers.write');
  const name = patch.name?.trim();
  if (name === '') throw invalid('name', 'name must not be empty');

  await withTransaction(ctx.db, async (tx) => {
    const before = fieldsOf(await liveCustomer(tx, id));
    const after: CustomerFields = {
      name: name ?? before.name,
      organizationId: patch.organizationId !== undefined ? patch.organizationId : before.organizationId,
      language: patch.language !== undefined ? patch.language ? normalizeLanguage(patch.language) : null : before.language,
      timeZone: patch.timeZone !== undefined ? patch.timeZone ? normalizeTimeZone(patch.timeZone) : null : before.timeZone,
      tags: patch.tags ? normalizeTags(patch.tags) : before.tags,
      attributes: patch.attributes ?? before.attributes,
    };
    const changes = changesBetween(before, after);
    if (Object.keys(changes).length === 0) return;
    await updateCustomerRow(tx, id, after).catch(mapCustomerConstraint);
    await recordAudit(tx, ctx.actor, { action: 'customer.updated', entityType: 'customer', entityId: id, before, after });
    await emitEvent(tx, 'customer.updated', { customerId: id, changes });
  });
  return (await selectCustomer(ctx.db, id)) as Customer;
}
