import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError, conflict, invalid } from '../platform/errors.ts';
import { addTeamMember } from '../teams/index.ts';
import { grantableRole } from './agent-guards.ts';
import { insertInvitedUser, selectAgent } from './agents.queries.ts';
import type { Agent } from './agents.types.ts';
import { newInvite } from './invite-token.ts';

export interface InviteAgentInput {
  email: string;
  name: string;
  /** Role key. */
  role: string;
  teamIds?: number[];
  /** Where Tend is reached, for the invite link. */
  publicUrl: string;
}

export interface Invitation {
  agent: Agent;
  /** Holds the one-time token: hand it to the invitee only, never log or store it. */
  inviteUrl: string;
}

export async function inviteAgent(ctx: Ctx, input: InviteAgentInput): Promise<Invitation> {
  requirePermission(ctx.actor, 'users.manage');
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw invalid('email', 'email is not a valid address');
  const name = input.name.trim();
  if (!name) throw invalid('name', 'name must not be empty');
  const invite = newInvite(input.publicUrl);
  const agent = await withTransaction(ctx.db, async (tx) => {
    const role = await grantableRole(ctx, tx, input.role);
    const id = await insertInvitedUser(tx, { email, name, roleId: role.id, inviteTokenHash: invite.tokenHash, inviteExpiresAt: invite.expiresAt });
    if (id === null) throw conflict(`an agent with the email ${email} already exists`, 'email');
    for (const teamId of new Set(input.teamIds ?? [])) {
      await addTeamMember({ ...ctx, db: tx }, teamId, id).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'not_found') throw invalid('teamIds', `there is no team with id ${teamId}`);
        throw error;
      });
    }
    const agent = (await selectAgent(tx, id)) as Agent;
    await recordAudit(tx, ctx.actor, { action: 'agent.invited', entityType: 'user', entityId: id, after: { ...auditView(agent), teamIds: input.teamIds ?? [] } });
    await emitEvent(tx, 'agent.invited', { agentId: id, agent: auditView(agent) });
    return agent;
  });
  return { agent, inviteUrl: invite.url };
}

/** The fields of an agent worth recording in the audit log and in events. */
export const auditView = (a: Agent) => ({ email: a.email, name: a.name, role: a.role, status: a.status, timeZone: a.timeZone });
