import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { changesBetween } from './customer-audit.ts';
import { normalizeDomains } from './customer-fields.ts';
import { claimDomains, mapOrganizationConstraint, organizationView } from './organization-fields.ts';
import { type Organization, type OrganizationFields, selectOrganization, updateOrganizationRow } from './organizations.queries.ts';

export interface OrganizationPatch {
  name?: string;
  /** Replaces the domains. Existing members stay; only customers created later join by domain. */
  domains?: string[];
  notes?: string;
  /** Replaces the attributes. */
  attributes?: Record<string, unknown>;
}

export async function updateOrganization(ctx: Ctx, id: number, patch: OrganizationPatch): Promise<Organization> {
  requirePermission(ctx.actor, 'customers.write');
  const name = patch.name?.trim();
  if (name === '') throw invalid('name', 'name must not be empty');
  await withTransaction(ctx.db, async (tx) => {
    const current = await selectOrganization(tx, id, true);
    if (!current) throw notFound('organization');
    const before = organizationView(current);
    const after: OrganizationFields = {
      name: name ?? before.name,
      domains: patch.domains ? normalizeDomains(patch.domains) : before.domains,
      notes: patch.notes ?? before.notes,
      attributes: patch.attributes ?? before.attributes,
    };
    const changes = changesBetween(before, after);
    if (Object.keys(changes).length === 0) return;
    if (changes.domains) await claimDomains(tx, after.domains, id);
    await updateOrganizationRow(tx, id, after).catch(mapOrganizationConstraint);
    await recordAudit(tx, ctx.actor, { action: 'organization.updated', entityType: 'organization', entityId: id, before, after });
    await emitEvent(tx, 'organization.updated', { organizationId: id, changes });
  });
  return (await selectOrganization(ctx.db, id)) as Organization;
}
