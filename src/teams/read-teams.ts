import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { selectMembers, selectTeam, selectTeams, selectUserStatus } from './teams.queries.ts';
import type { Team, TeamMember } from './teams.types.ts';

// Every signed-in user may read teams and their members: the agent app needs them to assign tickets.

export const listTeams = (ctx: Ctx): Promise<Team[]> => selectTeams(ctx.db);

export async function getTeam(ctx: Ctx, id: number): Promise<Team> {
  const team = await selectTeam(ctx.db, id);
  if (!team) throw notFound('team');
  return team;
}

export async function listTeamMembers(ctx: Ctx, teamId: number): Promise<TeamMember[]> {
  await getTeam(ctx, teamId);
  return selectMembers(ctx.db, teamId);
}

export async function listUserTeams(ctx: Ctx, userId: number): Promise<Team[]> {
  if ((await selectUserStatus(ctx.db, userId)) === null) throw notFound('agent');
  return selectTeams(ctx.db, { memberId: userId });
}
