import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { BusinessHoursRules, WeeklyInterval } from './business-hours.types.ts';
import { addBusinessTime, businessMinutesBetween, isBusinessTime, nextOpeningChange } from './business-time.ts';

const weekdays = (start: string, end: string): WeeklyInterval[] => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));
const berlin: BusinessHoursRules = { timeZone: 'Europe/Berlin', weeklyHours: weekdays('09:00', '18:00'), holidays: [] };
const newYork: BusinessHoursRules = { timeZone: 'America/New_York', weeklyHours: weekdays('09:00', '17:00'), holidays: [] };

/** Wall-clock time in a zone, as the instant the arithmetic receives. */
const local = (zone: string, iso: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const inZone = (zone: string, d: Date) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

describe('adding business time', () => {
  it('stays within the day when the hours allow', () => {
    expect(inZone('Europe/Berlin', addBusinessTime(berlin, local('Europe/Berlin', '2026-03-10T10:00'), 90))).toBe('2026-03-10T11:30');
  });

  it('carries a ticket created at 17:59 on Friday over the weekend to Monday', () => {
    const due = addBusinessTime(berlin, local('Europe/Berlin', '2026-03-13T17:59'), 60);
    expect(inZone('Europe/Berlin', due)).toBe('2026-03-16T09:59');
  });

  it('starts counting at the next opening when begun outside business hours', () => {
    expect(inZone('Europe/Berlin', addBusinessTime(berlin, local('Europe/Berlin', '2026-03-14T11:00'), 30))).toBe('2026-03-16T09:30');
    expect(inZone('Europe/Berlin', addBusinessTime(berlin, local('Europe/Berlin', '2026-03-10T06:00'), 30))).toBe('2026-03-10T09:30');
  });

  it('ends exactly at closing time when the minutes fill the day', () => {
    expect(inZone('Europe/Berlin', addBusinessTime(berlin, local('Europe/Berlin', '2026-03-10T17:00'), 60))).toBe('2026-03-10T18:00');
  });

  it('skips one-off and yearly recurring holidays', () => {
    const withHolidays: BusinessHoursRules = {
      ...berlin,
      holidays: [
        { date: '2020-12-25', name: 'Christmas Day', recurring: true },
        { date: '2026-12-28', name: 'Company day off', recurring: false },
      ],
    };
    // Thursday 24 Dec 17:00 + 2 h: one hour on the 24th, Friday 25th is Christmas, Monday 28th is off.
    expect(inZone('Europe/Berlin', addBusinessTime(withHolidays, local('Europe/Berlin', '2026-12-24T17:00'), 120))).toBe('2026-12-29T10:00');
    // The one-off day only applies in its year.
    expect(inZone('Europe/Berlin', addBusinessTime(withHolidays, local('Europe/Berlin', '2027-12-27T17:00'), 120))).toBe('2027-12-28T10:00');
  });

  it('handles several openings a day (a lunch break)', () => {
    const split: BusinessHoursRules = { timeZone: 'UTC', weeklyHours: [...weekdays('09:00', '12:00'), ...weekdays('13:00', '17:00')], holidays: [] };
    expect(addBusinessTime(split, new Date('2026-03-10T11:30:00Z'), 60).toISOString()).toBe('2026-03-10T13:30:00.000Z');
  });

  it('treats round-the-clock hours as elapsed time, also across the spring DST change', () => {
    const always: BusinessHoursRules = { timeZone: 'Europe/Berlin', weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' })), holidays: [] };
    const start = local('Europe/Berlin', '2026-03-28T23:00');
    expect(addBusinessTime(always, start, 240).getTime() - start.getTime()).toBe(240 * 60_000);
    expect(inZone('Europe/Berlin', addBusinessTime(always, start, 240))).toBe('2026-03-29T04:00');
  });
});

describe('daylight saving changes', () => {
  it('keeps Berlin opening at 09:00 local after the clocks go forward, which is an hour earlier in UTC', () => {
    // Friday 27 Mar 2026 17:30 CET (UTC+1); Monday 30 Mar is CEST (UTC+2).
    const due = addBusinessTime(berlin, local('Europe/Berlin', '2026-03-27T17:30'), 60);
    expect(inZone('Europe/Berlin', due)).toBe('2026-03-30T09:30');
    expect(due.toISOString()).toBe('2026-03-30T07:30:00.000Z');
  });

  it('keeps New York opening at 09:00 local across the November fall-back', () => {
    const due = addBusinessTime(newYork, local('America/New_York', '2026-10-30T16:00'), 120);
    expect(inZone('America/New_York', due)).toBe('2026-11-02T10:00');
    expect(due.toISOString()).toBe('2026-11-02T15:00:00.000Z');
  });

  it('counts a night shift spanning the fall-back as the nine real hours it lasts', () => {
    const nights: BusinessHoursRules = {
      timeZone: 'Europe/Berlin',
      weeklyHours: [1, 2, 3, 4, 5, 6, 7].flatMap((day) => [{ day, start: '22:00', end: '24:00' }, { day, start: '00:00', end: '06:00' }]),
      holidays: [],
    };
    // 24→25 Oct 2026: 02:00–03:00 happens twice, so the night from 22:00 to 06:00 has 9 hours.
    expect(businessMinutesBetween(nights, local('Europe/Berlin', '2026-10-24T21:00'), local('Europe/Berlin', '2026-10-25T07:00'))).toBe(9 * 60);
    // 28→29 Mar 2026: 02:00–03:00 never happens, so that night has 7.
    expect(businessMinutesBetween(nights, local('Europe/Berlin', '2026-03-28T21:00'), local('Europe/Berlin', '2026-03-29T07:00'))).toBe(7 * 60);
  });

  it('counts the same wall-clock hours on a New York spring-forward weekday', () => {
    const allWeek: BusinessHoursRules = { ...newYork, weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '01:00', end: '05:00' })) };
    // Sunday 8 Mar 2026 02:00 does not exist: 01:00–05:00 lasts three real hours.
    expect(businessMinutesBetween(allWeek, local('America/New_York', '2026-03-08T00:00'), local('America/New_York', '2026-03-08T12:00'))).toBe(180);
  });
});

describe('calendars in different zones', () => {
  it('give different due times for the same instant and target', () => {
    const instant = new Date('2026-03-10T16:30:00Z'); // 17:30 in Berlin, 12:30 in New York (EDT)
    expect(addBusinessTime(berlin, instant, 60).toISOString()).toBe('2026-03-11T08:30:00.000Z'); // 30 min today, 30 min from 09:00 CET
    expect(addBusinessTime(newYork, instant, 60).toISOString()).toBe('2026-03-10T17:30:00.000Z');
  });

  it('agree on whether an instant is within hours only when their hours overlap', () => {
    const instant = new Date('2026-03-10T15:00:00Z'); // 16:00 Berlin, 11:00 New York
    expect(isBusinessTime(berlin, instant)).toBe(true);
    expect(isBusinessTime(newYork, instant)).toBe(true);
    const late = new Date('2026-03-10T19:00:00Z'); // 20:00 Berlin, 15:00 New York
    expect(isBusinessTime(berlin, late)).toBe(false);
    expect(isBusinessTime(newYork, late)).toBe(true);
  });
});

describe('business minutes between', () => {
  it('inverts adding business time', () => {
    const start = local('Europe/Berlin', '2026-03-13T17:59');
    for (const minutes of [1, 59, 60, 541, 3000]) {
      expect(businessMinutesBetween(berlin, start, addBusinessTime(berlin, start, minutes))).toBeCloseTo(minutes, 6);
    }
  });

  it('is zero across a weekend and when the end is not after the start', () => {
    expect(businessMinutesBetween(berlin, local('Europe/Berlin', '2026-03-13T18:00'), local('Europe/Berlin', '2026-03-16T09:00'))).toBe(0);
    expect(businessMinutesBetween(berlin, local('Europe/Berlin', '2026-03-16T12:00'), local('Europe/Berlin', '2026-03-16T10:00'))).toBe(0);
  });
});

describe('when a shift next starts or ends', () => {
  const at = (rules: BusinessHoursRules, iso: string) => {
    const next = nextOpeningChange(rules, local(rules.timeZone, iso));
    return next && inZone(rules.timeZone, next);
  };

  it('finds the closing of an open calendar and the next opening of a closed one, across the weekend', () => {
    expect(at(berlin, '2026-03-13T10:00')).toBe('2026-03-13T18:00');
    expect(at(berlin, '2026-03-13T18:00')).toBe('2026-03-16T09:00');
    expect(at(berlin, '2026-03-14T12:00')).toBe('2026-03-16T09:00');
  });

  it('treats a night shift over midnight as one, and skips holidays', () => {
    const nights: BusinessHoursRules = {
      timeZone: 'America/New_York',
      weeklyHours: [1, 2, 3, 4, 5].flatMap((day) => [{ day, start: '22:00', end: '24:00' }, { day: day + 1, start: '00:00', end: '06:00' }]),
      holidays: [{ date: '2026-03-11', name: 'Closed', recurring: false }],
    };
    expect(at(nights, '2026-03-09T23:00')).toBe('2026-03-10T06:00');
    expect(at(nights, '2026-03-10T07:00')).toBe('2026-03-10T22:00');
    // The 11th is a holiday: Tuesday night's shift ends at midnight, and Wednesday night's never starts.
    expect(at(nights, '2026-03-10T23:00')).toBe('2026-03-11T00:00');
    expect(at(nights, '2026-03-11T01:00')).toBe('2026-03-12T00:00');
  });

  it('follows the DST change: a shift starting at 09:00 local is an hour earlier in UTC after it', () => {
    expect(nextOpeningChange(newYork, local('America/New_York', '2026-03-07T12:00'))?.toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(nextOpeningChange(newYork, local('America/New_York', '2026-03-06T12:00'))?.toISOString()).toBe('2026-03-06T22:00:00.000Z');
  });

  it('never changes around the clock', () => {
    const always: BusinessHoursRules = { timeZone: 'UTC', weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' })), holidays: [] };
    expect(nextOpeningChange(always, new Date())).toBeNull();
  });
});
