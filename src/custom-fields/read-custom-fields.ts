import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { selectCustomField, selectCustomFields } from './custom-fields.queries.ts';
import type { CustomField } from './custom-fields.types.ts';

/** Readable by every signed-in user: the agent app draws ticket forms from them. */
export async function listCustomFields(ctx: Ctx, filter: { includeInactive?: boolean } = {}): Promise<CustomField[]> {
  return selectCustomFields(ctx.db, { activeOnly: !filter.includeInactive });
}

export async function getCustomField(ctx: Ctx, id: number): Promise<CustomField> {
  const field = await selectCustomField(ctx.db, id);
  if (!field) throw notFound('custom field');
  return field;
}
