import { requirePermission } from '../auth/index.ts';
import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { selectPolicies, selectPolicy } from './sla.queries.ts';
import type { SlaPolicy } from './sla.types.ts';

export async function listPolicies(ctx: Ctx): Promise<SlaPolicy[]> {
  requirePermission(ctx.actor, 'tickets.read');
  return selectPolicies(ctx.db);
}

export async function getPolicy(ctx: Ctx, id: number): Promise<SlaPolicy> {
  requirePermission(ctx.actor, 'tickets.read');
  const policy = await selectPolicy(ctx.db, id);
  if (!policy) throw notFound('SLA policy');
  return policy;
}
