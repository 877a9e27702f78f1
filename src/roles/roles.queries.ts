import type { Permission } from '../auth/index.ts';
import type { Queryable, Row } from '../db/pool.ts';
import type { Role } from './roles.types.ts';

const COLUMNS = `r.id, r.key, r.name, r.permissions, r.built_in, r.created_at, r.updated_at,
  (SELECT count(*) FROM users u WHERE u.role_id = r.id)::int AS user_count`;
const toRole = (r: Row): Role => ({
  id: r.id,
  key: r.key,
  name: r.name,
  permissions: r.permissions,
  builtIn: r.built_in,
  userCount: r.user_count,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Built-in roles first, then custom ones in the order they were made. */
export async function selectRoles(db: Queryable): Promise<Role[]> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM roles r ORDER BY r.built_in DESC, r.id`);
  return rows.map(toRole);
}

export async function selectRole(db: Queryable, id: number, forUpdate = false): Promise<Role | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM roles r WHERE r.id = $1${forUpdate ? ' FOR UPDATE OF r' : ''}`, [id]);
  return rows[0] ? toRole(rows[0]) : null;
}

/** Null when the key is taken. */
export async function insertRole(db: Queryable, role: { key: string; name: string; permissions: Permission[] }): Promise<number | null> {
  const { rows } = await db.query(
    `INSERT INTO roles (key, name, permissions) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING RETURNING id`,
    [role.key, role.name, role.permissions],
  );
  return rows[0]?.id ?? null;
}

export async function updateRoleRow(db: Queryable, id: number, role: { name: string; permissions: Permission[] }): Promise<void> {
  await db.query(`UPDATE roles SET name = $2, permissions = $3, updated_at = now() WHERE id = $1`, [id, role.name, role.permissions]);
}

export async function deleteRoleRow(db: Queryable, id: number): Promise<void> {
  await db.query(`DELETE FROM roles WHERE id = $1`, [id]);
}
