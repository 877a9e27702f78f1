import type { CallOutcome } from './phone.queries.ts';

export interface CallbackQueue {
  id: number;
  name: string;
  maxWaitSeconds: number;
  /** Told when a callback waits past the limit. */
  leadUserId: number | null;
  /** Whose online agents are offered its callbacks; null: every agent. */
  teamId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export const CALLBACK_STATUSES = ['waiting', 'offered', 'taken', 'done', 'cancelled'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];
export const CALLBACK_SOURCES = ['widget', 'portal', 'api'] as const;
export type CallbackSource = (typeof CALLBACK_SOURCES)[number];
/** Still in the queue: nobody has taken it yet. */
export const OPEN_STATUSES: CallbackStatus[] = ['waiting', 'offered'];

export interface CallbackRequest {
  id: number;
  queueId: number;
  customerId: number;
  ticketId: number;
  phone: string;
  name: string;
  reason: string;
  source: CallbackSource;
  status: CallbackStatus;
  /** The agent it is (or was last) offered to. */
  offeredTo: number | null;
  offeredAt: Date | null;
  passedBy: number[];
  takenBy: number | null;
  takenAt: Date | null;
  requestedAt: Date;
  dueAt: Date;
  escalatedAt: Date | null;
  doneAt: Date | null;
  outcome: CallOutcome | null;
  callId: number | null;
  notes: string;
}
