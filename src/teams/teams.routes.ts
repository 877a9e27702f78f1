import { Type } from 'typebox';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { ctxOf } from '../platform/http/authenticate.ts';
import { errors, IdParams, PageOf } from '../platform/http/schemas.ts';
import { createTeam } from './create-team.ts';
import { deleteTeam } from './delete-team.ts';
import { getTeam, listTeamMembers, listTeams, listUserTeams } from './read-teams.ts';
import { addTeamMember, removeTeamMember } from './team-members.ts';
import { CreateTeamBody, MemberParams, TeamMemberSchema, TeamSchema, UpdateTeamBody } from './teams.schemas.ts';
import { updateTeam } from './update-team.ts';

const tags = ['teams'];

export async function teamRoutes(app: App): Promise<void> {
  app.addSchema(TeamSchema);
  const TeamRef = Type.Ref('Team');

  app.get(
    `${API_PREFIX}/teams`,
    { config: { auth: 'user' }, schema: { tags, summary: 'All teams', response: { 200: PageOf(TeamRef), ...errors() } } },
    async (request) => ({ data: await listTeams(ctxOf(request)), nextCursor: null }),
  );

  app.get(
    `${API_PREFIX}/teams/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'One team', params: IdParams, response: { 200: TeamRef, ...errors(404) } } },
    async (request) => getTeam(ctxOf(request), request.params.id),
  );

  app.post(
    `${API_PREFIX}/teams`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Create a team', body: CreateTeamBody, response: { 201: TeamRef, ...errors(409) } } },
    async (request, reply) => reply.status(201).send(await createTeam(ctxOf(request), request.body)),
  );

  app.patch(
    `${API_PREFIX}/teams/:id`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Rename a team or change its description', params: IdParams, body: UpdateTeamBody, response: { 200: TeamRef, ...errors(404, 409) } },
    },
    async (request) => updateTeam(ctxOf(request), request.params.id, request.body),
  );

  app.delete(
    `${API_PREFIX}/teams/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Delete a team no ticket belongs to', params: IdParams, response: { 204: Type.Null(), ...errors(404, 409) } } },
    async (request, reply) => {
      await deleteTeam(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${API_PREFIX}/teams/:id/members`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'The agents in a team', params: IdParams, response: { 200: PageOf(TeamMemberSchema), ...errors(404) } },
    },
    async (request) => ({ data: await listTeamMembers(ctxOf(request), request.params.id), nextCursor: null }),
  );

  app.put(
    `${API_PREFIX}/teams/:id/members/:userId`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Add an agent to a team (no-op if already in it)', params: MemberParams, response: { 204: Type.Null(), ...errors(404, 409) } } },
    async (request, reply) => {
      await addTeamMember(ctxOf(request), request.params.id, request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    `${API_PREFIX}/teams/:id/members/:userId`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Remove an agent from a team', params: MemberParams, response: { 204: Type.Null(), ...errors(404) } } },
    async (request, reply) => {
      await removeTeamMember(ctxOf(request), request.params.id, request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${API_PREFIX}/agents/:id/teams`,
    { config: { auth: 'user' }, schema: { tags, summary: 'The teams an agent belongs to', params: IdParams, response: { 200: PageOf(TeamRef), ...errors(404) } } },
    async (request) => ({ data: await listUserTeams(ctxOf(request), request.params.id), nextCursor: null }),
  );
}
