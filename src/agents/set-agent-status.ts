import { recordAudit } from '../audit/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, notFound } from '../platform/errors.ts';
import { assertNotLastAdmin, requireManageable } from './agent-guards.ts';
import { deleteSessions, lockAdminChanges, selectAgent, selectPasswordHash, setStatus } from './agents.queries.ts';
import type { Agent } from './agents.types.ts';

/**
 * Signs them out everywhere at once; their API tokens stop working because tokens only
 * act for active users. Team memberships and ticket history stay for a later reactivation.
 */
export async function deactivateAgent(ctx: Ctx, id: number): Promise<Agent> {
  return withTransaction(ctx.db, async (tx) => {
    await lockAdminChanges(tx);
    const agent = await selectAgent(tx, id, true);
    if (!agent) throw notFound('agent');
    await requireManageable(ctx, tx, agent);
    if (agent.status === 'deactivated') return agent;
    await assertNotLastAdmin(tx, agent);
    await setStatus(tx, id, 'deactivated');
    await deleteSessions(tx, id);
    await recordAudit(tx, ctx.actor, { action: 'agent.deactivated', entityType: 'user', entityId: id, before: { status: agent.status }, after: { status: 'deactivated' } });
    await emitEvent(tx, 'agent.deactivated', { agentId: id });
    return (await selectAgent(tx, id)) as Agent;
  });
}

/** Someone who never accepted their invite goes back to invited, and needs a new invite link. */
export async function reactivateAgent(ctx: Ctx, id: number): Promise<Agent> {
  return withTransaction(ctx.db, async (tx) => {
    const agent = await selectAgent(tx, id, true);
    if (!agent) throw notFound('agent');
    await requireManageable(ctx, tx, agent);
    if (agent.status !== 'deactivated') throw conflict(`${agent.name} is not deactivated`);
    const status = (await selectPasswordHash(tx, id)) === null ? 'invited' : 'active';
    await setStatus(tx, id, status);
    await recordAudit(tx, ctx.actor, { action: 'agent.reactivated', entityType: 'user', entityId: id, before: { status: agent.status }, after: { status } });
    await emitEvent(tx, 'agent.reactivated', { agentId: id, status });
    return (await selectAgent(tx, id)) as Agent;
  });
}
