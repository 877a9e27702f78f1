import { listAgents } from '../agents/index.ts';
import { requirePermission } from '../auth/index.ts';
import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { selectAgentRouting, selectQueue, selectQueues, selectQueueStats } from './routing.queries.ts';
import type { AgentRouting, Queue } from './routing.types.ts';

export const listQueues = (ctx: Ctx): Promise<Queue[]> => selectQueues(ctx.db);

export async function getQueue(ctx: Ctx, id: number): Promise<Queue> {
  const queue = await selectQueue(ctx.db, id);
  if (!queue) throw notFound('queue');
  return queue;
}

export type AgentStatusView = AgentRouting & { name: string };

/** Every active agent with availability, capacities, skills and live load per channel. */
export async function listAgentRouting(ctx: Ctx): Promise<AgentStatusView[]> {
  const agents = [];
  let cursor: string | undefined;
  do {
    const page = await listAgents(ctx, { status: 'active', limit: 100, cursor });
    agents.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const routing = new Map((await selectAgentRouting(ctx.db, agents.map((a) => a.id))).map((r) => [r.userId, r]));
  return agents.map((a) => ({ ...(routing.get(a.id) as AgentRouting), name: a.name }));
}

export interface QueueOverview {
  id: number;
  name: string;
  teamId: number;
  strategy: Queue['strategy'];
  waiting: number;
  oldestEnqueuedAt: Date | null;
  longestWaitSeconds: number;
}

/** The supervisor screen: queues with waiting counts and longest wait, agents with status and load. */
export async function routingOverview(ctx: Ctx): Promise<{ queues: QueueOverview[]; agents: AgentStatusView[] }> {
  requirePermission(ctx.actor, 'reports.read');
  const stats = new Map((await selectQueueStats(ctx.db)).map((s) => [s.queueId, s]));
  const now = Date.now();
  const queues = (await selectQueues(ctx.db)).map((q) => {
    const s = stats.get(q.id);
    const oldest = s?.oldestEnqueuedAt ?? null;
    return { id: q.id, name: q.name, teamId: q.teamId, strategy: q.strategy, waiting: s?.waiting ?? 0, oldestEnqueuedAt: oldest, longestWaitSeconds: oldest ? Math.max(0, Math.floor((now - oldest.getTime()) / 1000)) : 0 };
  });
  return { queues, agents: await listAgentRouting(ctx) };
}
