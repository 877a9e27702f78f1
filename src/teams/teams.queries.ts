import type { Queryable, Row } from '../db/pool.ts';
import type { Team, TeamMember } from './teams.types.ts';

const COLUMNS = `t.id, t.name, t.description, t.created_at, t.updated_at,
  (SELECT count(*) FROM team_members m WHERE m.team_id = t.id)::int AS member_count`;
const toTeam = (r: Row): Team => ({
  id: r.id,
  name: r.name,
  description: r.description,
  memberCount: r.member_count,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const violates = (error: unknown, code: string) => (error as { code?: string }).code === code;

/** All teams, or those `memberId` belongs to. */
export async function selectTeams(db: Queryable, filter: { memberId?: number } = {}): Promise<Team[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM teams t
      WHERE $1::bigint IS NULL OR EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = t.id AND m.user_id = $1)
      ORDER BY t.name, t.id`,
    [filter.memberId ?? null],
  );
  return rows.map(toTeam);
}

export async function selectTeam(db: Queryable, id: number, forUpdate = false): Promise<Team | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM teams t WHERE t.id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toTeam(rows[0]) : null;
}

/** Null when the name is taken. */
export async function insertTeam(db: Queryable, team: { name: string; description: string }): Promise<number | null> {
  const { rows } = await db.query(
    `INSERT INTO teams (name, description) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING id`,
    [team.name, team.description],
  );
  return rows[0]?.id ?? null;
}

/** False when another team has the name. */
export async function updateTeamRow(db: Queryable, id: number, team: { name: string; description: string }): Promise<boolean> {
  try {
    await db.query(`UPDATE teams SET name = $2, description = $3, updated_at = now() WHERE id = $1`, [id, team.name, team.description]);
    return true;
  } catch (error) {
    if (violates(error, '23505')) return false;
    throw error;
  }
}

/** False while tickets still belong to the team. */
export async function deleteTeamRow(db: Queryable, id: number): Promise<boolean> {
  try {
    await db.query(`DELETE FROM teams WHERE id = $1`, [id]);
    return true;
  } catch (error) {
    if (violates(error, '23503')) return false;
    throw error;
  }
}

export async function selectUserStatus(db: Queryable, userId: number): Promise<TeamMember['status'] | null> {
  const { rows } = await db.query(`SELECT status FROM users WHERE id = $1`, [userId]);
  return rows[0]?.status ?? null;
}

/** False when already a member. */
export async function insertMember(db: Queryable, teamId: number, userId: number): Promise<boolean> {
  const { rowCount } = await db.query(`INSERT INTO team_members (team_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [teamId, userId]);
  return rowCount === 1;
}

/** False when not a member. */
export async function deleteMember(db: Queryable, teamId: number, userId: number): Promise<boolean> {
  const { rowCount } = await db.query(`DELETE FROM team_members WHERE team_id = $1 AND user_id = $2`, [teamId, userId]);
  return rowCount === 1;
}

export async function selectMembers(db: Queryable, teamId: number): Promise<TeamMember[]> {
  const { rows } = await db.query(
    `SELECT u.id, u.email::text AS email, u.name, r.key AS role, u.status
       FROM team_members m JOIN users u ON u.id = m.user_id JOIN roles r ON r.id = u.role_id
      WHERE m.team_id = $1 ORDER BY u.name, u.id`,
    [teamId],
  );
  return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, role: r.role, status: r.status }));
}
