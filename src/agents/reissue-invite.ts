import { recordAudit } from '../audit/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, notFound } from '../platform/errors.ts';
import { requireManageable } from './agent-guards.ts';
import { selectAgent, setInvite } from './agents.queries.ts';
import type { Invitation } from './invite-agent.ts';
import { newInvite } from './invite-token.ts';

/** A fresh invite link for someone who has not accepted yet; the previous link stops working. */
export async function reissueInvite(ctx: Ctx, id: number, input: { publicUrl: string }): Promise<Invitation> {
  const invite = newInvite(input.publicUrl);
  const agent = await withTransaction(ctx.db, async (tx) => {
    const agent = await selectAgent(tx, id, true);
    if (!agent) throw notFound('agent');
    await requireManageable(ctx, tx, agent);
    if (agent.status !== 'invited') throw conflict(`${agent.name} is ${agent.status}, not waiting for an invite`);
    await setInvite(tx, id, invite);
    await recordAudit(tx, ctx.actor, { action: 'agent.invite_reissued', entityType: 'user', entityId: id, after: { inviteExpiresAt: invite.expiresAt } });
    return agent;
  });
  return { agent, inviteUrl: invite.url };
}
