import rateLimit from '@fastify/rate-limit';
import { Type } from 'typebox';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { ctxOf, SESSION_COOKIE } from '../platform/http/authenticate.ts';
import { errors, IdParams, PageOf } from '../platform/http/schemas.ts';
import { acceptInvite } from './accept-invite.ts';
import { AcceptInviteBody, AgentSchema, ChangePasswordBody, InvitationSchema, InviteAgentBody, ListAgentsQuery, UpdateAgentBody } from './agents.schemas.ts';
import { changeOwnPassword } from './change-password.ts';
import { inviteAgent } from './invite-agent.ts';
import { getAgent, listAgents } from './read-agents.ts';
import { reissueInvite } from './reissue-invite.ts';
import { deactivateAgent, reactivateAgent } from './set-agent-status.ts';
import { updateAgent } from './update-agent.ts';

const tags = ['agents'];

export async function agentRoutes(app: App): Promise<void> {
  await app.register(rateLimit, { global: false });
  app.addSchema(AgentSchema);
  const AgentRef = Type.Ref('Agent');
  const { publicUrl } = app.deps.config;

  app.get(
    `${API_PREFIX}/agents`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Agents by name, filtered by status, role or a search', querystring: ListAgentsQuery, response: { 200: PageOf(AgentRef), ...errors() } } },
    async (request) => listAgents(ctxOf(request), request.query),
  );

  app.get(
    `${API_PREFIX}/agents/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'One agent', params: IdParams, response: { 200: AgentRef, ...errors(404) } } },
    async (request) => getAgent(ctxOf(request), request.params.id),
  );

  app.post(
    `${API_PREFIX}/agents`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Invite an agent; the one-time invite link is shown only in this answer',
        body: InviteAgentBody,
        response: { 201: InvitationSchema, ...errors(409) },
      },
    },
    async (request, reply) => reply.status(201).send(await inviteAgent(ctxOf(request), { ...request.body, publicUrl })),
  );

  app.post(
    `${API_PREFIX}/agents/:id/invite`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Issue a new invite link to someone who has not accepted yet; the old link stops working', params: IdParams, response: { 200: InvitationSchema, ...errors(404, 409) } },
    },
    async (request) => reissueInvite(ctxOf(request), request.params.id, { publicUrl }),
  );

  app.post(
    `${API_PREFIX}/agents/accept-invite`,
    {
      config: { auth: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Accept an invite by choosing a password; then sign in with POST /auth/login',
        security: [],
        body: AcceptInviteBody,
        response: { 200: Type.Object({ agent: AgentRef }), ...errors(429) },
      },
    },
    async (request) => ({ agent: await acceptInvite(app.deps.db, { ...request.body, ip: request.ip }) }),
  );

  app.patch(
    `${API_PREFIX}/agents/:id`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Change name, role or time zone (own name and time zone need no admin rights)', params: IdParams, body: UpdateAgentBody, response: { 200: AgentRef, ...errors(404, 409) } },
    },
    async (request) => updateAgent(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    `${API_PREFIX}/agents/:id/deactivate`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Deactivate an agent: signs them out and stops their API tokens', params: IdParams, response: { 200: AgentRef, ...errors(404, 409) } },
    },
    async (request) => deactivateAgent(ctxOf(request), request.params.id),
  );

  app.post(
    `${API_PREFIX}/agents/:id/reactivate`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Let a deactivated agent back in', params: IdParams, response: { 200: AgentRef, ...errors(404, 409) } } },
    async (request) => reactivateAgent(ctxOf(request), request.params.id),
  );

  app.put(
    `${API_PREFIX}/agents/me/password`,
    {
      config: { auth: 'user', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Change your own password; your other sessions end', body: ChangePasswordBody, response: { 204: Type.Null(), ...errors(429) } },
    },
    async (request, reply) => {
      await changeOwnPassword(ctxOf(request), { ...request.body, keepSessionToken: request.cookies[SESSION_COOKIE] });
      return reply.status(204).send(null);
    },
  );
}
