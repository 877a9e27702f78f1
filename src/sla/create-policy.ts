import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, invalid } from '../platform/errors.ts';
import { policyFields } from './policy-input.ts';
import { insertPolicy, type PolicyFields, selectPolicy } from './sla.queries.ts';
import type { SlaPolicy } from './sla.types.ts';

/** Applies to tickets from their next change on; tickets already tracked keep their clocks until then. */
export async function createPolicy(ctx: Ctx, input: Partial<PolicyFields> & { name: string }): Promise<SlaPolicy> {
  requirePermission(ctx.actor, 'settings.manage');
  const fields = await policyFields(ctx, null, input);
  return withTransaction(ctx.db, async (tx) => {
    const id = await insertPolicy(tx, fields);
    if (id === 'no_calendar') throw invalid('calendarId', 'no such business-hours calendar');
    if (id === null) throw conflict(`an SLA policy named "${fields.name}" already exists`, 'name');
    await recordAudit(tx, ctx.actor, { action: 'sla_policy.created', entityType: 'sla_policy', entityId: id, after: fields });
    return (await selectPolicy(tx, id)) as SlaPolicy;
  });
}
