import type { Channel, Priority } from '../tickets/index.ts';

export const AVAILABILITY = ['online', 'away', 'offline'] as const;
export type Availability = (typeof AVAILABILITY)[number];

/** How long an agent may be idle before they are set away, unless set otherwise (the column's default). */
export const DEFAULT_IDLE_AWAY_MINUTES = 15;

/** Why the system set an agent away: idle too long, or outside their shift. */
export type AutoAway = 'idle' | 'off_shift';

/** An agent's availability with what the automatic away looks at. */
export interface Presence {
  status: Availability;
  autoAway: AutoAway | null;
  lastActiveAt: Date | null;
  /** 0: never away for inactivity. */
  idleAwayMinutes: number;
  shiftCalendarId: number | null;
}

export const STRATEGIES = ['round_robin', 'least_loaded', 'skills_best_match'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** Ticket and customer properties a queue or skill rule looks at; every given list must match (each: any of). */
export interface TicketConditions {
  priority?: Priority[];
  channel?: Channel[];
  tags?: string[];
  /** The customer's language (BCP 47); "de" also matches "de-AT". */
  language?: string[];
  /** The customer's organization. */
  organizationId?: number[];
  /** Segments: the customer carries at least one of these tags. */
  customerTags?: string[];
}

export interface RequiredSkill {
  skill: string;
  minLevel: number;
}

/** Tickets matching `when` require `skill` at `minLevel` or better. */
export interface SkillRule extends RequiredSkill {
  when: TicketConditions;
}

export type MaxWaitAction =
  | { kind: 'overflow'; queueId: number }
  | { kind: 'escalate'; notifyUserIds?: number[]; raisePriority?: boolean }
  | { kind: 'auto_reply'; body: string };

export interface Queue {
  id: number;
  name: string;
  teamId: number;
  position: number;
  active: boolean;
  strategy: Strategy;
  conditions: TicketConditions;
  skillRules: SkillRule[];
  sticky: boolean;
  maxWaitMinutes: number | null;
  onMaxWait: MaxWaitAction | null;
  calendarId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface AgentSkill {
  skill: string;
  level: number;
}

/** An agent as routing sees them: availability, capacity per channel ('*' for any other), skills, live load. */
export interface AgentRouting {
  userId: number;
  status: Availability;
  changedAt: Date | null;
  autoAway: AutoAway | null;
  lastActiveAt: Date | null;
  idleAwayMinutes: number;
  shiftCalendarId: number | null;
  capacities: Record<string, number>;
  skills: AgentSkill[];
  load: Record<string, number>;
}

/** One eligible agent at decision time. */
export interface Candidate {
  userId: number;
  capacity: number | null;
  load: number;
  totalLoad: number;
  lastAssignedAt: Date | null;
  skillScore: number;
}

export interface RoutedTicket {
  ticketId: number;
  queueId: number | null;
  requesterId: number;
  channel: string;
  priorityRank: number;
  requiredSkills: RequiredSkill[];
  waiting: boolean;
  enqueuedAt: Date;
  maxWaitHandled: boolean;
  assigneeId: number | null;
  assignedAt: Date | null;
  live: boolean;
}

/** An online agent as a batch of assignments sees them, under their assignment lock. */
export interface PlanAgent {
  userId: number;
  lastAssignedAt: Date | null;
  /** Max live tickets per channel; '*' for other channels; none: unlimited. */
  capacities: Record<string, number>;
  /** skill → level */
  skills: Record<string, number>;
  /** Live tickets per channel. */
  load: Record<string, number>;
}
