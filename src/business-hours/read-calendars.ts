import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { selectCalendar, selectCalendars } from './business-hours.queries.ts';
import type { BusinessCalendar } from './business-hours.types.ts';

// Every signed-in user may read calendars: the agent app shows due times against them.

export const listCalendars = (ctx: Ctx): Promise<BusinessCalendar[]> => selectCalendars(ctx.db);

export async function getCalendar(ctx: Ctx, id: number): Promise<BusinessCalendar> {
  const calendar = await selectCalendar(ctx.db, id);
  if (!calendar) throw notFound('business-hours calendar');
  return calendar;
}
