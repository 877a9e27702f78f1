import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict } from '../platform/errors.ts';
import { insertCustomField } from './custom-fields.queries.ts';
import type { CustomField, CustomFieldType } from './custom-fields.types.ts';
import { checkLabel, checkOptions } from './field-definition.ts';

export interface CreateCustomFieldInput {
  key: string;
  label: string;
  type: CustomFieldType;
  options?: string[];
  required?: boolean;
  active?: boolean;
  /** Where it shows among the fields; default last. */
  position?: number;
}

export async function createCustomField(ctx: Ctx, input: CreateCustomFieldInput): Promise<CustomField> {
  requirePermission(ctx.actor, 'custom_fields.manage');
  const definition = {
    key: input.key,
    label: checkLabel(input.label),
    type: input.type,
    options: checkOptions(input.type, input.options ?? []),
    required: input.required ?? false,
    active: input.active ?? true,
    position: input.position ?? null,
  };
  return withTransaction(ctx.db, async (tx) => {
    const field = await insertCustomField(tx, definition).catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') throw conflict(`a custom field with the key "${input.key}" already exists`, 'key');
      throw error;
    });
    await recordAudit(tx, ctx.actor, { action: 'custom_field.created', entityType: 'custom_field', entityId: field.id, after: auditView(field) });
    await emitEvent(tx, 'custom_field.created', { customFieldId: field.id, key: field.key });
    return field;
  });
}

/** What the audit log and events record of a field. */
export function auditView(f: CustomField) {
  return { key: f.key, label: f.label, type: f.type, options: f.options, required: f.required, active: f.active, position: f.position };
}
