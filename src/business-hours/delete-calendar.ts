import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, notFound } from '../platform/errors.ts';
import { deleteCalendarRow, selectCalendar } from './business-hours.queries.ts';

export async function deleteCalendar(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'settings.manage');
  await withTransaction(ctx.db, async (tx) => {
    const calendar = await selectCalendar(tx, id, true);
    if (!calendar) throw notFound('business-hours calendar');
    if (!(await deleteCalendarRow(tx, id))) throw conflict(`calendar "${calendar.name}" is used by an SLA policy, a queue or an agent's shift`);
    await recordAudit(tx, ctx.actor, { action: 'business_calendar.deleted', entityType: 'business_calendar', entityId: id, before: { name: calendar.name } });
  });
}
