import type { Ctx } from '../platform/context.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { decodeCursor, DEFAULT_LIMIT, type Page, pageOf } from '../platform/pagination.ts';
import { selectAgent, selectAgents } from './agents.queries.ts';
import type { Agent, AgentFilter } from './agents.types.ts';

// Every signed-in user may read agents: the agent app needs them to assign tickets and mention colleagues.

export async function listAgents(ctx: Ctx, input: AgentFilter & { cursor?: string; limit?: number }): Promise<Page<Agent>> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  const after = decodeCursor(input.cursor, 2);
  if (after && (typeof after[0] !== 'string' || typeof after[1] !== 'number')) throw invalid('cursor', 'cursor is not valid; use the nextCursor of a previous page');
  const rows = await selectAgents(ctx.db, input, after as [string, number] | null, limit);
  return pageOf(rows, limit, (a) => [a.name, a.id]);
}

export async function getAgent(ctx: Ctx, id: number): Promise<Agent> {
  const agent = await selectAgent(ctx.db, id);
  if (!agent) throw notFound('agent');
  return agent;
}
