import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, invalid, notFound } from '../platform/errors.ts';
import { selectCalendar, updateCalendarRow } from './business-hours.queries.ts';
import type { BusinessCalendar } from './business-hours.types.ts';
import type { CalendarInput } from './create-calendar.ts';
import { validateCalendarRules } from './calendar-rules.ts';

/** Running SLA clocks on this calendar take the new hours at their next recalculation; shifts, at once (the event tells routing). */
export async function updateCalendar(ctx: Ctx, id: number, patch: Partial<CalendarInput>): Promise<BusinessCalendar> {
  requirePermission(ctx.actor, 'settings.manage');
  return withTransaction(ctx.db, async (tx) => {
    const before = await selectCalendar(tx, id, true);
    if (!before) throw notFound('business-hours calendar');
    const name = (patch.name ?? before.name).trim();
    if (!name) throw invalid('name', 'name must not be empty');
    const rules = validateCalendarRules({
      timeZone: patch.timeZone ?? before.timeZone,
      weeklyHours: patch.weeklyHours ?? before.weeklyHours,
      holidays: patch.holidays ?? before.holidays,
    });
    if (!(await updateCalendarRow(tx, id, { name, ...rules }))) throw conflict(`a calendar named "${name}" already exists`, 'name');
    const strip = (c: BusinessCalendar) => ({ name: c.name, timeZone: c.timeZone, weeklyHours: c.weeklyHours, holidays: c.holidays });
    await recordAudit(tx, ctx.actor, { action: 'business_calendar.updated', entityType: 'business_calendar', entityId: id, before: strip(before), after: { name, ...rules } });
    await emitEvent(tx, 'business_calendar.updated', { calendarId: id });
    return (await selectCalendar(tx, id)) as BusinessCalendar;
  });
}
