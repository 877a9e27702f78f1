import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, invalid, notFound } from '../platform/errors.ts';
import { policyFields } from './policy-input.ts';
import { type PolicyFields, selectPolicy, updatePolicyRow } from './sla.queries.ts';
import type { SlaPolicy } from './sla.types.ts';

export async function updatePolicy(ctx: Ctx, id: number, patch: Partial<PolicyFields>): Promise<SlaPolicy> {
  requirePermission(ctx.actor, 'settings.manage');
  return withTransaction(ctx.db, async (tx) => {
    const before = await selectPolicy(tx, id, true);
    if (!before) throw notFound('SLA policy');
    const { id: _id, createdAt: _c, updatedAt: _u, ...current } = before;
    const fields = await policyFields(ctx, current, patch);
    const result = await updatePolicyRow(tx, id, fields);
    if (result === 'name_taken') throw conflict(`an SLA policy named "${fields.name}" already exists`, 'name');
    if (result === 'no_calendar') throw invalid('calendarId', 'no such business-hours calendar');
    await recordAudit(tx, ctx.actor, { action: 'sla_policy.updated', entityType: 'sla_policy', entityId: id, before: current, after: fields });
    return (await selectPolicy(tx, id)) as SlaPolicy;
  });
}
