import { addBusinessTime, type BusinessHoursRules, businessMinutesBetween } from '../business-hours/index.ts';
import type { ClockState, SlaClock } from './sla.types.ts';

const MINUTE_MS = 60_000;

/** How a clock's time is counted: against business hours, or (calendar null) around the clock. */
export interface ClockTarget {
  minutes: number;
  warningMinutes: number;
  calendar: BusinessHoursRules | null;
}

const elapsedMs = (calendar: BusinessHoursRules | null, from: Date, to: Date) =>
  calendar ? businessMinutesBetween(calendar, from, to) * MINUTE_MS : Math.max(0, to.getTime() - from.getTime());

const later = (calendar: BusinessHoursRules | null, from: Date, ms: number) =>
  calendar ? addBusinessTime(calendar, from, Math.max(0, ms) / MINUTE_MS) : new Date(from.getTime() + Math.max(0, ms));

export type ClockTiming = Pick<SlaClock, 'state' | 'elapsedMs' | 'runningSince' | 'dueAt' | 'warnAt' | 'stoppedAt'>;

/**
 * Moves a clock to `state` as of `at`: running time already consumed is banked in `elapsedMs` when it
 * pauses or stops, a paused or met clock resumes counting from `at`, and a running clock's due and
 * warning times follow from the target and what is left of it.
 */
export function advanceClock(clock: ClockTiming, target: ClockTarget, state: ClockState, at: Date): ClockTiming {
  let banked = clock.elapsedMs;
  let runningSince = clock.runningSince;
  if (clock.state === 'running' && runningSince && state !== 'running') {
    banked += elapsedMs(target.calendar, runningSince, at);
    runningSince = null;
  }
  if (state !== 'running') return { state, elapsedMs: Math.round(banked), runningSince: null, dueAt: null, warnAt: null, stoppedAt: state === 'met' ? at : null };
  runningSince ??= at;
  const left = target.minutes * MINUTE_MS - banked;
  return {
    state,
    elapsedMs: Math.round(banked),
    runningSince,
    dueAt: later(target.calendar, runningSince, left),
    warnAt: target.warningMinutes > 0 ? later(target.calendar, runningSince, left - target.warningMinutes * MINUTE_MS) : null,
    stoppedAt: null,
  };
}

/** A fresh clock for a cycle that began at `start`, as of `at`. */
export function startClock(target: ClockTarget, start: Date, state: ClockState, at: Date): ClockTiming {
  const running = advanceClock({ state: 'running', elapsedMs: 0, runningSince: start, dueAt: null, warnAt: null, stoppedAt: null }, target, 'running', start);
  return state === 'running' ? running : advanceClock(running, target, state, at);
}
