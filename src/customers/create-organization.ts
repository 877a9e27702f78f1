import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { normalizeDomains } from './customer-fields.ts';
import { claimDomains, mapOrganizationConstraint } from './organization-fields.ts';
import { insertOrganization, type Organization, type OrganizationFields, selectOrganization } from './organizations.queries.ts';

export interface CreateOrganizationInput {
  name: string;
  domains?: string[];
  notes?: string;
  attributes?: Record<string, unknown>;
}

export async function createOrganization(ctx: Ctx, input: CreateOrganizationInput): Promise<Organization> {
  requirePermission(ctx.actor, 'customers.write');
  const name = input.name.trim();
  if (!name) throw invalid('name', 'name must not be empty');
  const fields: OrganizationFields = { name, domains: normalizeDomains(input.domains ?? []), notes: input.notes ?? '', attributes: input.attributes ?? {} };
  const id = await withTransaction(ctx.db, async (tx) => {
    await claimDomains(tx, fields.domains, null);
    const id = await insertOrganization(tx, fields).catch(mapOrganizationConstraint);
    await recordAudit(tx, ctx.actor, { action: 'organization.created', entityType: 'organization', entityId: id, after: fields });
    await emitEvent(tx, 'organization.created', { organizationId: id, organization: fields });
    return id;
  });
  return (await selectOrganization(ctx.db, id)) as Organization;
}
