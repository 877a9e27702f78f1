import type { Channel, Priority } from '../tickets/index.ts';

export const AVAILABILITY = ['online', 'away', 'offline'] as const;
export type Availability = (typeof AVAILABILITY)[number];

export const STRATEGIES = ['round_robin', 'least_loaded', 'skills_best_match'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** Ticket properties a queue or skill rule looks at; every given list must match (tags: any of). */
export interface TicketConditions {
  priority?: Priority[];
  channel?: Channel[];
  tags?: string[];
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
