import { Type } from 'typebox';
import { Timestamp } from '../platform/http/schemas.ts';

const Time = Type.String({ pattern: '^(?:[01]\\d|2[0-3]):[0-5]\\d$|^24:00$', description: 'HH:MM local time' });

export const WeeklyIntervalSchema = Type.Object({
  day: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday, Monday = 1' }),
  start: Time,
  end: Time,
});

export const HolidaySchema = Type.Object({
  date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' }),
  name: Type.String({ maxLength: 200, default: '' }),
  recurring: Type.Boolean({ default: false, description: 'Every year on this month and day' }),
});

export const CalendarSchema = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    timeZone: Type.String(),
    weeklyHours: Type.Array(WeeklyIntervalSchema),
    holidays: Type.Array(HolidaySchema),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'BusinessCalendar' },
);

export const CreateCalendarBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  timeZone: Type.String({ minLength: 1, maxLength: 100, description: 'IANA time zone, e.g. Europe/Berlin' }),
  weeklyHours: Type.Array(WeeklyIntervalSchema, { maxItems: 100 }),
  holidays: Type.Array(HolidaySchema, { maxItems: 1000, default: [] }),
});

export const UpdateCalendarBody = Type.Partial(CreateCalendarBody);
