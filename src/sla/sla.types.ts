import type { Channel, Priority, Status } from '../tickets/index.ts';

export const SLA_METRICS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

/** Every given list must match (any of its values); an empty policy matches every ticket. */
export interface SlaConditions {
  priority?: Priority[];
  channel?: Channel[];
  organizationId?: number[];
  /** The ticket carries at least one of these. */
  tags?: string[];
}

/** What a breach sets off, all in the transaction that records it. */
export interface SlaEscalation {
  notifyUserIds?: number[];
  /** One step up: low → normal → high → urgent. */
  raisePriority?: boolean;
  addTags?: string[];
  assigneeId?: number;
  teamId?: number;
}

export interface SlaPolicy {
  id: number;
  name: string;
  position: number;
  active: boolean;
  conditions: SlaConditions;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  /** Warn this long before a breach (0: no warning). In the policy's kind of hours. */
  warningMinutes: number;
  /** Null: targets count calendar hours. */
  calendarId: number | null;
  pauseStatuses: Status[];
  escalation: SlaEscalation;
  createdAt: Date;
  updatedAt: Date;
}

export type ClockState = 'running' | 'paused' | 'met';

/** A live SLA clock of one ticket and metric. */
export interface SlaClock {
  ticketId: number;
  metric: SlaMetric;
  policyId: number;
  state: ClockState;
  cycleStartedAt: Date;
  elapsedMs: number;
  runningSince: Date | null;
  dueAt: Date | null;
  warnAt: Date | null;
  stoppedAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
}

export type AlertKind = 'warning' | 'breach';
