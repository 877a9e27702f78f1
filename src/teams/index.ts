export { createTeam, type CreateTeamInput } from './create-team.ts';
export { deleteTeam } from './delete-team.ts';
export { getTeam, listTeamMembers, listTeams, listUserTeams } from './read-teams.ts';
export { addTeamMember, removeTeamMember } from './team-members.ts';
export { teamRoutes } from './teams.routes.ts';
export type { Team, TeamMember } from './teams.types.ts';
export { type TeamPatch, updateTeam } from './update-team.ts';
