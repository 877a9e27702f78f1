import type { TicketChanges } from './tickets.queries.ts';
import type { Status } from './tickets.types.ts';

/** Solving stamps `solved_at`, closing stamps `closed_at`; reopening clears them. */
export function statusTimestamps(status: Status): Pick<TicketChanges, 'solved_at' | 'closed_at'> {
  const now = new Date();
  if (status === 'solved') return { solved_at: now, closed_at: null };
  if (status === 'closed') return { closed_at: now };
  return { solved_at: null, closed_at: null };
}
