import type { Priority, Ticket } from '../tickets/index.ts';
import type { Queue, RequiredSkill, TicketConditions } from './routing.types.ts';

export const PRIORITY_RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

export function matchesConditions(conditions: TicketConditions, ticket: Ticket): boolean {
  if (conditions.priority?.length && !conditions.priority.includes(ticket.priority)) return false;
  if (conditions.channel?.length && !conditions.channel.includes(ticket.channel)) return false;
  if (conditions.tags?.length && !conditions.tags.some((tag) => ticket.tags.includes(tag))) return false;
  return true;
}

/**
 * The queue a ticket waits in: among its team's queues when it has a team (the first matching, else
 * the team's first), otherwise the first queue whose conditions it matches. Queues come in position order.
 */
export function queueFor(queues: Queue[], ticket: Ticket): Queue | null {
  if (ticket.team) {
    const own = queues.filter((q) => q.teamId === ticket.team?.id);
    return own.find((q) => matchesConditions(q.conditions, ticket)) ?? own[0] ?? null;
  }
  return queues.find((q) => matchesConditions(q.conditions, ticket)) ?? null;
}

/** The skills the queue's rules ask of this ticket, each at the highest level any matching rule asks. */
export function requiredSkills(queue: Queue, ticket: Ticket): RequiredSkill[] {
  const levels = new Map<string, number>();
  for (const rule of queue.skillRules) {
    if (matchesConditions(rule.when, ticket)) levels.set(rule.skill, Math.max(levels.get(rule.skill) ?? 0, rule.minLevel));
  }
  return [...levels].map(([skill, minLevel]) => ({ skill, minLevel }));
}
