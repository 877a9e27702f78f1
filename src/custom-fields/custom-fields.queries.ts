import type { Queryable, Row } from '../db/pool.ts';
import type { CustomField, CustomFieldType } from './custom-fields.types.ts';

export interface CustomFieldChanges {
  label?: string;
  options?: string[];
  required?: boolean;
  active?: boolean;
  position?: number;
}

const COLUMNS = `id, key, label, type, options, required, active, position, created_at, updated_at`;
const toField = (r: Row): CustomField => ({
  id: r.id,
  key: r.key,
  label: r.label,
  type: r.type,
  options: r.options,
  required: r.required,
  active: r.active,
  position: r.position,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function selectCustomFields(db: Queryable, filter: { activeOnly: boolean }): Promise<CustomField[]> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM custom_fields WHERE active OR NOT $1 ORDER BY position, id`, [filter.activeOnly]);
  return rows.map(toField);
}

export async function selectCustomField(db: Queryable, id: number, forUpdate = false): Promise<CustomField | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM custom_fields WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toField(rows[0]) : null;
}

/** With no position given, the field goes last. */
export async function insertCustomField(
  db: Queryable,
  f: { key: string; label: string; type: CustomFieldType; options: string[]; required: boolean; active: boolean; position: number | null },
): Promise<CustomField> {
  const { rows } = await db.query(
    `INSERT INTO custom_fields (key, label, type, options, required, active, position)
     VALUES ($1, $2, $3, $4, $5, $6, coalesce($7, (SELECT coalesce(max(position) + 1, 0) FROM custom_fields)))
     RETURNING ${COLUMNS}`,
    [f.key, f.label, f.type, f.options, f.required, f.active, f.position],
  );
  return toField(rows[0]);
}

export async function updateCustomFieldRow(db: Queryable, id: number, changes: CustomFieldChanges): Promise<CustomField> {
  const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
  const sets = entries.map(([column], i) => `${column} = $${i + 2}`);
  const { rows } = await db.query(
    `UPDATE custom_fields SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, ...entries.map(([, v]) => v)],
  );
  return toField(rows[0]);
}

export async function deleteCustomFieldRow(db: Queryable, id: number): Promise<void> {
  await db.query(`DELETE FROM custom_fields WHERE id = $1`, [id]);
}
