import type { Queryable, Row } from '../db/pool.ts';
import type { View } from './views.types.ts';

const COLUMNS = `id, name, owner_id, filters, sort, position, created_at, updated_at`;
const toView = (r: Row): View => ({
  id: r.id,
  name: r.name,
  ownerId: r.owner_id,
  shared: r.owner_id === null,
  filters: r.filters,
  sort: r.sort,
  position: r.position,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Shared views and the user's own, in display order. */
export async function selectVisibleViews(db: Queryable, userId: number | null): Promise<View[]> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM views WHERE owner_id IS NULL OR owner_id = $1 ORDER BY position, id`, [userId]);
  return rows.map(toView);
}

export async function selectView(db: Queryable, id: number, forUpdate = false): Promise<View | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM views WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toView(rows[0]) : null;
}

export type ViewRow = Omit<View, 'id' | 'shared' | 'createdAt' | 'updatedAt' | 'position'> & { position: number | null };

/** With no position given, the view goes last among those its owner sees. */
export async function insertView(db: Queryable, v: ViewRow): Promise<View> {
  const { rows } = await db.query(
    `INSERT INTO views (name, owner_id, filters, sort, position)
     VALUES ($1, $2, $3, $4, coalesce($5, (SELECT coalesce(max(position) + 10, 0) FROM views WHERE owner_id IS NULL OR owner_id = $2)))
     RETURNING ${COLUMNS}`,
    [v.name, v.ownerId, JSON.stringify(v.filters), v.sort, v.position],
  );
  return toView(rows[0]);
}

export async function updateViewRow(db: Queryable, id: number, v: Omit<ViewRow, 'position'> & { position: number }): Promise<View> {
  const { rows } = await db.query(
    `UPDATE views SET name = $2, owner_id = $3, filters = $4, sort = $5, position = $6, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, v.name, v.ownerId, JSON.stringify(v.filters), v.sort, v.position],
  );
  return toView(rows[0]);
}

export async function deleteViewRow(db: Queryable, id: number): Promise<void> {
  await db.query(`DELETE FROM views WHERE id = $1`, [id]);
}
