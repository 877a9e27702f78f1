import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { auditView } from './create-custom-field.ts';
import { deleteCustomFieldRow, selectCustomField } from './custom-fields.queries.ts';

/**
 * Removes the definition. Values tickets already hold under its key stay in their history;
 * to hide a field but keep it, deactivate it instead.
 */
export async function deleteCustomField(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'custom_fields.manage');
  await withTransaction(ctx.db, async (tx) => {
    const before = await selectCustomField(tx, id, true);
    if (!before) throw notFound('custom field');
    await deleteCustomFieldRow(tx, id);
    await recordAudit(tx, ctx.actor, { action: 'custom_field.deleted', entityType: 'custom_field', entityId: id, before: auditView(before) });
    await emitEvent(tx, 'custom_field.deleted', { customFieldId: id, key: before.key });
  });
}
