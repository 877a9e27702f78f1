import { requirePermission } from '../auth/index.ts';
import type { Ctx } from '../platform/context.ts';
import type { Page } from '../platform/pagination.ts';
import { countTickets, listTickets, type Ticket, ticketFilterFromQuery } from '../tickets/index.ts';
import { visibleView } from './view-access.ts';
import { selectVisibleViews } from './views.queries.ts';
import type { View } from './views.types.ts';

/** Shared views and the caller's own, each with how many tickets it holds for this caller right now. */
export async function listViews(ctx: Ctx): Promise<(View & { count: number })[]> {
  requirePermission(ctx.actor, 'tickets.read');
  const views = await selectVisibleViews(ctx.db, ctx.actor.userId);
  // A shared view saying "me" has no meaning for a caller without a user; it counts nothing for them.
  const counts = await Promise.all(
    views.map((v) => (v.filters.assigneeId === 'me' && ctx.actor.userId === null ? 0 : countTickets(ctx, ticketFilterFromQuery(v.filters, ctx.actor)))),
  );
  return views.map((v, i) => ({ ...v, count: counts[i] as number }));
}

export async function getView(ctx: Ctx, id: number): Promise<View> {
  requirePermission(ctx.actor, 'tickets.read');
  return visibleView(ctx, id);
}

export async function listViewTickets(ctx: Ctx, id: number, page: { cursor?: string; limit?: number }): Promise<Page<Ticket>> {
  const view = await getView(ctx, id);
  return listTickets(ctx, { filter: ticketFilterFromQuery(view.filters, ctx.actor), sort: view.sort, ...page });
}
