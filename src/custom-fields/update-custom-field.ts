import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { auditView } from './create-custom-field.ts';
import { type CustomFieldChanges, selectCustomField, updateCustomFieldRow } from './custom-fields.queries.ts';
import type { CustomField } from './custom-fields.types.ts';
import { checkLabel, checkOptions } from './field-definition.ts';

/** Key and type are fixed once created: tickets already hold values under that key, of that type. */
export type CustomFieldPatch = CustomFieldChanges;

export async function updateCustomField(ctx: Ctx, id: number, patch: CustomFieldPatch): Promise<CustomField> {
  requirePermission(ctx.actor, 'custom_fields.manage');
  return withTransaction(ctx.db, async (tx) => {
    const before = await selectCustomField(tx, id, true);
    if (!before) throw notFound('custom field');
    const field = await updateCustomFieldRow(tx, id, {
      ...patch,
      label: patch.label === undefined ? undefined : checkLabel(patch.label),
      options: patch.options === undefined ? undefined : checkOptions(before.type, patch.options),
    });
    await recordAudit(tx, ctx.actor, {
      action: 'custom_field.updated',
      entityType: 'custom_field',
      entityId: id,
      before: auditView(before),
      after: auditView(field),
    });
    await emitEvent(tx, 'custom_field.updated', { customFieldId: id, key: field.key });
    return field;
  });
}
