export { businessHoursRoutes } from './business-hours.routes.ts';
export type { BusinessCalendar, BusinessHoursRules, Holiday, WeeklyInterval } from './business-hours.types.ts';
export { addBusinessTime, businessMinutesBetween, isBusinessTime, nextOpeningChange } from './business-time.ts';
export { createCalendar, type CalendarInput } from './create-calendar.ts';
export { deleteCalendar } from './delete-calendar.ts';
export { getCalendar, listCalendars } from './read-calendars.ts';
export { updateCalendar } from './update-calendar.ts';
