import { DateTime, IANAZone } from 'luxon';
import { invalid } from '../platform/errors.ts';
import type { BusinessHoursRules, Holiday, WeeklyInterval } from './business-hours.types.ts';

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** Checks a calendar's rules, naming the first field at fault; returns them tidied (sorted, holiday names trimmed). */
export function validateCalendarRules(rules: BusinessHoursRules): BusinessHoursRules {
  if (!IANAZone.isValidZone(rules.timeZone)) throw invalid('timeZone', `${rules.timeZone} is not an IANA time zone (e.g. Europe/Berlin)`);
  if (rules.weeklyHours.length === 0) throw invalid('weeklyHours', 'a calendar needs at least one opening');
  rules.weeklyHours.forEach((h, i) => {
    if (!Number.isInteger(h.day) || h.day < 1 || h.day > 7) throw invalid(`weeklyHours.${i}.day`, 'day is an ISO weekday, 1 (Monday) to 7 (Sunday)');
    if (!TIME.test(h.start) || h.start === '24:00') throw invalid(`weeklyHours.${i}.start`, 'start is a time HH:MM');
    if (!TIME.test(h.end)) throw invalid(`weeklyHours.${i}.end`, 'end is a time HH:MM (24:00 for midnight)');
    if (minutesOf(h.end) <= minutesOf(h.start)) throw invalid(`weeklyHours.${i}.end`, 'end must be after start; split hours past midnight into two days');
  });
  const weeklyHours: WeeklyInterval[] = [...rules.weeklyHours].sort((a, b) => a.day - b.day || minutesOf(a.start) - minutesOf(b.start));
  weeklyHours.forEach((h, i) => {
    const next = weeklyHours[i + 1];
    if (next && next.day === h.day && minutesOf(next.start) < minutesOf(h.end)) {
      throw invalid('weeklyHours', `openings on day ${h.day} overlap (${h.start}–${h.end} and ${next.start}–${next.end})`);
    }
  });
  const holidays: Holiday[] = rules.holidays.map((h, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(h.date) || !DateTime.fromISO(h.date, { zone: 'UTC' }).isValid) throw invalid(`holidays.${i}.date`, 'date is YYYY-MM-DD');
    return { date: h.date, name: h.name.trim(), recurring: h.recurring };
  });
  return { timeZone: rules.timeZone, weeklyHours, holidays };
}
