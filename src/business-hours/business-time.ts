import { DateTime } from 'luxon';
import type { BusinessHoursRules } from './business-hours.types.ts';

const MINUTE_MS = 60_000;
// A calendar with any opening at all reaches it within a few years; past that the rules are unsatisfiable.
const MAX_DAYS_SCANNED = 3_660;

interface Span {
  start: number;
  end: number;
}

interface Compiled {
  rules: BusinessHoursRules;
  oneOff: Set<string>;
  recurring: Set<string>;
}

const compiled = new WeakMap<BusinessHoursRules, Compiled>();

function compile(rules: BusinessHoursRules): Compiled {
  let c = compiled.get(rules);
  if (!c) {
    c = {
      rules,
      oneOff: new Set(rules.holidays.filter((h) => !h.recurring).map((h) => h.date)),
      recurring: new Set(rules.holidays.filter((h) => h.recurring).map((h) => h.date.slice(5))),
    };
    compiled.set(rules, c);
  }
  return c;
}

/** Local wall-clock time on `day` as an instant; a time skipped by a DST change moves forward, as Luxon does. */
function instantOn(day: DateTime, hhmm: string): number {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  if (hour === 24) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day.set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
}

/** The opening spans of one local day, as instants, in order. */
function openSpans(c: Compiled, day: DateTime): Span[] {
  const date = day.toISODate() as string;
  if (c.oneOff.has(date) || c.recurring.has(date.slice(5))) return [];
  return c.rules.weeklyHours
    .filter((h) => h.day === day.weekday)
    .map((h) => ({ start: instantOn(day, h.start), end: instantOn(day, h.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
}

const dayOf = (c: Compiled, instant: number) => DateTime.fromMillis(instant, { zone: c.rules.timeZone }).startOf('day');

/** The instant `minutes` of business time after `start` (which may itself fall outside business hours). */
export function addBusinessTime(rules: BusinessHoursRules, start: Date, minutes: number): Date {
  let remaining = minutes * MINUTE_MS;
  const cursor = start.getTime();
  if (remaining <= 0) return new Date(cursor);
  const c = compile(rules);
  let day = dayOf(c, cursor);
  for (let i = 0; i < MAX_DAYS_SCANNED; i++, day = day.plus({ days: 1 })) {
    for (const span of openSpans(c, day)) {
      if (span.end <= cursor) continue;
      const from = Math.max(span.start, cursor);
      if (remaining <= span.end - from) return new Date(from + remaining);
      remaining -= span.end - from;
    }
  }
  throw new Error(`business hours in ${rules.timeZone} have no opening within ${MAX_DAYS_SCANNED} days`);
}

/** Business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(rules: BusinessHoursRules, from: Date, to: Date): number {
  const start = from.getTime();
  const end = to.getTime();
  if (end <= start) return 0;
  const c = compile(rules);
  let total = 0;
  for (let day = dayOf(c, start); day.toMillis() < end; day = day.plus({ days: 1 })) {
    for (const span of openSpans(c, day)) total += Math.max(0, Math.min(span.end, end) - Math.max(span.start, start));
  }
  return total / MINUTE_MS;
}

export function isBusinessTime(rules: BusinessHoursRules, at: Date): boolean {
  const c = compile(rules);
  const t = at.getTime();
  return openSpans(c, dayOf(c, t)).some((s) => s.start <= t && t < s.end);
}

// Far enough ahead for any shift pattern; a calendar open (or closed) for longer than this is treated as never changing.
const MAX_DAYS_TO_CHANGE = 400;

/**
 * The next instant after `at` when the calendar opens (if closed at `at`) or closes (if open),
 * treating back-to-back openings (22:00–24:00, then 00:00–06:00) as one. Null when that is more
 * than a year away, e.g. a calendar open around the clock.
 */
export function nextOpeningChange(rules: BusinessHoursRules, at: Date): Date | null {
  const c = compile(rules);
  const t = at.getTime();
  const open = isBusinessTime(rules, at);
  let openUntil = t;
  let day = dayOf(c, t);
  for (let i = 0; i < MAX_DAYS_TO_CHANGE; i++, day = day.plus({ days: 1 })) {
    for (const span of openSpans(c, day)) {
      if (span.end <= t) continue;
      if (!open) return new Date(Math.max(span.start, t));
      if (span.start > openUntil) return new Date(openUntil);
      openUntil = Math.max(openUntil, span.end);
    }
  }
  return null;
}
