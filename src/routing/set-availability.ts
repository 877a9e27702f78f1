import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { getAgent } from '../agents/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import { enqueue } from '../jobs/enqueue.ts';
import type { Ctx } from '../platform/context.ts';
import { DRAIN_TASK } from './route-ticket.ts';
import { selectAgentRouting, upsertAvailability } from './routing.queries.ts';
import type { AgentRouting, Availability } from './routing.types.ts';

/** Agents set their own availability; supervisors (teams.manage) may set anyone's. Coming online serves the agent's queues. */
export async function setAvailability(ctx: Ctx, userId: number, status: Availability): Promise<AgentRouting> {
  if (ctx.actor.userId !== userId) requirePermission(ctx.actor, 'teams.manage');
  await getAgent(ctx, userId);
  return withTransaction(ctx.db, async (tx) => {
    const before = await upsertAvailability(tx, userId, status);
    if (before !== status) {
      await recordAudit(tx, ctx.actor, { action: 'agent.availability_changed', entityType: 'user', entityId: userId, before: { status: before }, after: { status } });
      await emitEvent(tx, 'agent.availability_changed', { agentId: userId, status });
      if (status === 'online') await enqueue(tx, DRAIN_TASK, { userId }, { jobKey: `${DRAIN_TASK}:agent:${userId}` });
    }
    return (await selectAgentRouting(tx, [userId]))[0] as AgentRouting;
  });
}
