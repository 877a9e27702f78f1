import type { Candidate, Strategy } from './routing.types.ts';

const underCapacity = (c: Candidate) => c.capacity === null || c.load < c.capacity;
const waitedSince = (c: Candidate) => c.lastAssignedAt?.getTime() ?? 0;
/** Weighted load: the share of their capacity in use, or their plain count when unlimited. */
const utilisation = (c: Candidate) => (c.capacity ? c.load / c.capacity : c.totalLoad);

const ORDER: Record<Strategy, (a: Candidate, b: Candidate) => number> = {
  // Whoever has waited longest since their last assignment goes next.
  round_robin: (a, b) => waitedSince(a) - waitedSince(b) || a.userId - b.userId,
  least_loaded: (a, b) => utilisation(a) - utilisation(b) || a.totalLoad - b.totalLoad || waitedSince(a) - waitedSince(b) || a.userId - b.userId,
  skills_best_match: (a, b) => b.skillScore - a.skillScore || utilisation(a) - utilisation(b) || waitedSince(a) - waitedSince(b) || a.userId - b.userId,
};

/**
 * The agents to offer a ticket to, best first: only those under capacity, ordered by the queue's
 * strategy, with the customer's last agent first when sticky routing found one among them.
 */
export function rankCandidates(candidates: Candidate[], strategy: Strategy, stickyUserId: number | null): Candidate[] {
  const ranked = candidates.filter(underCapacity).sort(ORDER[strategy]);
  const sticky = ranked.findIndex((c) => c.userId === stickyUserId);
  if (sticky > 0) ranked.unshift(...ranked.splice(sticky, 1));
  return ranked;
}
