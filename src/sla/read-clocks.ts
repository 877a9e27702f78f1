import { requirePermission } from '../auth/index.ts';
import type { Ctx } from '../platform/context.ts';
import { decodeCursor, DEFAULT_LIMIT, type Page, pageOf } from '../platform/pagination.ts';
import { getTicket, type Ticket } from '../tickets/index.ts';
import { type ClockList, selectClockList, selectClocks, selectPolicy } from './sla.queries.ts';
import type { SlaClock } from './sla.types.ts';

/** A clock as the API shows it: due and warning times, time used so far, and whether it breached. */
export interface ClockView {
  ticketId: number;
  metric: SlaClock['metric'];
  state: SlaClock['state'];
  cycleStartedAt: Date;
  dueAt: Date | null;
  warnAt: Date | null;
  stoppedAt: Date | null;
  elapsedMinutes: number;
  warnedAt: Date | null;
  breachedAt: Date | null;
  breached: boolean;
}

const view = (c: SlaClock, now: Date): ClockView => ({
  ticketId: c.ticketId,
  metric: c.metric,
  state: c.state,
  cycleStartedAt: c.cycleStartedAt,
  dueAt: c.dueAt,
  warnAt: c.warnAt,
  stoppedAt: c.stoppedAt,
  elapsedMinutes: Math.floor(c.elapsedMs / 60_000),
  warnedAt: c.warnedAt,
  breachedAt: c.breachedAt,
  breached: c.breachedAt !== null || (c.state === 'running' && c.dueAt !== null && c.dueAt <= now),
});

export async function getTicketSla(ctx: Ctx, ticketId: number): Promise<{ policy: { id: number; name: string } | null; clocks: ClockView[] }> {
  await getTicket(ctx, ticketId);
  const clocks = await selectClocks(ctx.db, ticketId);
  const policy = clocks[0] ? await selectPolicy(ctx.db, clocks[0].policyId) : null;
  const now = new Date();
  return { policy: policy && { id: policy.id, name: policy.name }, clocks: clocks.map((c) => view(c, now)) };
}

export type ListedClock = ClockView & { policyName: string; ticket: Pick<Ticket, 'subject' | 'status' | 'priority' | 'assignee' | 'team'> };

/** Supervisors' lists: clocks about to breach, or open clocks already breached, soonest due first. */
export async function listSlaClocks(ctx: Ctx, list: ClockList, input: { cursor?: string; limit?: number }): Promise<Page<ListedClock>> {
  requirePermission(ctx.actor, 'tickets.read');
  const limit = input.limit ?? DEFAULT_LIMIT;
  const after = decodeCursor(input.cursor, 3) as [string, number, string] | null;
  const rows = await selectClockList(ctx.db, list, after, limit);
  const page = pageOf(rows, limit, (c) => [(c.dueAt ?? c.breachedAt ?? new Date(0)).toISOString(), c.ticketId, c.metric]);
  const now = new Date();
  const data = await Promise.all(
    page.data.map(async (c) => {
      const { subject, status, priority, assignee, team } = await getTicket(ctx, c.ticketId);
      return { ...view(c, now), policyName: c.policyName, ticket: { subject, status, priority, assignee, team } };
    }),
  );
  return { data, nextCursor: page.nextCursor };
}
