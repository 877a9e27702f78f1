import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, invalid } from '../platform/errors.ts';
import { insertCalendar, selectCalendar } from './business-hours.queries.ts';
import type { BusinessCalendar, BusinessHoursRules } from './business-hours.types.ts';
import { validateCalendarRules } from './calendar-rules.ts';

export type CalendarInput = BusinessHoursRules & { name: string };

export async function createCalendar(ctx: Ctx, input: CalendarInput): Promise<BusinessCalendar> {
  requirePermission(ctx.actor, 'settings.manage');
  const name = input.name.trim();
  if (!name) throw invalid('name', 'name must not be empty');
  const rules = validateCalendarRules(input);
  return withTransaction(ctx.db, async (tx) => {
    const id = await insertCalendar(tx, { name, ...rules });
    if (id === null) throw conflict(`a calendar named "${name}" already exists`, 'name');
    await recordAudit(tx, ctx.actor, { action: 'business_calendar.created', entityType: 'business_calendar', entityId: id, after: { name, ...rules } });
    return (await selectCalendar(tx, id)) as BusinessCalendar;
  });
}
