import type { Queryable } from '../db/pool.ts';
import type { MacroActions } from './macros.schemas.ts';

export interface Macro {
  id: number;
  name: string;
  shared: boolean;
  ownerId: number | null;
  actions: MacroActions;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = 'id, name, owner_id, actions, created_at, updated_at';
const toMacro = (r: Record<string, any>): Macro => ({
  id: r.id,
  name: r.name,
  shared: r.owner_id === null,
  ownerId: r.owner_id,
  actions: r.actions,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Shared macros and the user's own, best name matches first when searching. */
export async function selectVisibleMacros(db: Queryable, userId: number | null, q: string | undefined): Promise<Macro[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM macros
      WHERE (owner_id IS NULL OR owner_id = $1)
        AND ($2::text IS NULL OR name ILIKE '%' || $2 || '%' OR similarity(name, $2) > 0.2)
      ORDER BY CASE WHEN $2::text IS NULL THEN 0 ELSE -similarity(name, $2) END, lower(name), id
      LIMIT 200`,
    [userId, q?.trim() || null],
  );
  return rows.map(toMacro);
}

export async function selectMacro(db: Queryable, id: number, forUpdate = false): Promise<Macro | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM macros WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toMacro(rows[0]) : null;
}

export async function insertMacro(db: Queryable, m: { name: string; ownerId: number | null; actions: MacroActions }): Promise<Macro> {
  const { rows } = await db.query(`INSERT INTO macros (name, owner_id, actions) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`, [m.name, m.ownerId, JSON.stringify(m.actions)]);
  return toMacro(rows[0] as Record<string, any>);
}

export async function updateMacroRow(db: Queryable, id: number, m: { name: string; ownerId: number | null; actions: MacroActions }): Promise<Macro> {
  const { rows } = await db.query(`UPDATE macros SET name = $2, owner_id = $3, actions = $4, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [
    id,
    m.name,
    m.ownerId,
    JSON.stringify(m.actions),
  ]);
  return toMacro(rows[0] as Record<string, any>);
}

export async function deleteMacroRow(db: Queryable, id: number): Promise<void> {
  await db.query(`DELETE FROM macros WHERE id = $1`, [id]);
}
