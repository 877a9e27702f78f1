import { requirePermission } from '../auth/index.ts';
import { getAgent } from '../agents/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { changeAvailability } from './change-availability.ts';
import { selectAgentRouting } from './routing.queries.ts';
import type { AgentRouting, Availability } from './routing.types.ts';

/** Agents set their own availability; supervisors (teams.manage) may set anyone's. Coming online serves the agent's queues. */
export async function setAvailability(ctx: Ctx, userId: number, status: Availability): Promise<AgentRouting> {
  if (ctx.actor.userId !== userId) requirePermission(ctx.actor, 'teams.manage');
  await getAgent(ctx, userId);
  return withTransaction(ctx.db, async (tx) => {
    await changeAvailability(tx, ctx.actor, userId, status);
    return (await selectAgentRouting(tx, [userId]))[0] as AgentRouting;
  });
}
