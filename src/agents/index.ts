export { acceptInvite } from './accept-invite.ts';
export { agentRoutes } from './agents.routes.ts';
export type { Agent, AgentFilter, AgentStatus } from './agents.types.ts';
export { changeOwnPassword, type ChangePasswordInput } from './change-password.ts';
export { type Invitation, inviteAgent, type InviteAgentInput } from './invite-agent.ts';
export { getAgent, listAgents } from './read-agents.ts';
export { reissueInvite } from './reissue-invite.ts';
export { deactivateAgent, reactivateAgent } from './set-agent-status.ts';
export { type AgentPatch, updateAgent } from './update-agent.ts';
