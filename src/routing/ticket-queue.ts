import type { CustomerSegment } from '../customers/index.ts';
import type { Channel, Priority, Status, Ticket } from '../tickets/index.ts';
import type { Queue, RequiredSkill, TicketConditions } from './routing.types.ts';

export const PRIORITY_RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/** The ticket as routing needs it: from the ticket itself, or from the view a `ticket.created` event carries. */
export interface RoutingTicket {
  id: number;
  status: Status;
  priority: Priority;
  channel: Channel;
  tags: string[];
  requesterId: number;
  assigneeId: number | null;
  teamId: number | null;
  merged: boolean;
  createdAt: Date;
}

export const routingTicketOf = (t: Ticket): RoutingTicket => ({
  id: t.id,
  status: t.status,
  priority: t.priority,
  channel: t.channel,
  tags: t.tags,
  requesterId: t.requester.id,
  assigneeId: t.assignee?.id ?? null,
  teamId: t.team?.id ?? null,
  merged: t.mergedIntoId !== null,
  createdAt: t.createdAt,
});

/** What the conditions are matched against; `customer` is null for a customer that no longer exists. */
export interface RoutingFacts {
  ticket: RoutingTicket;
  customer: CustomerSegment | null;
}

const CUSTOMER_CONDITIONS = ['language', 'organizationId', 'customerTags'] as const;
const asksCustomer = (c: TicketConditions) => CUSTOMER_CONDITIONS.some((key) => c[key]?.length);

/** Whether matching tickets against these queues needs to know the customer (else that read is saved). */
export const needsCustomer = (queues: Queue[]): boolean => queues.some((q) => asksCustomer(q.conditions) || q.skillRules.some((r) => asksCustomer(r.when)));

/** "de" matches "de" and "de-AT"; "de-AT" matches only "de-AT". Tags are compared case-insensitively. */
const speaks = (wanted: string, language: string) => {
  const [a, b] = [wanted.toLowerCase(), language.toLowerCase()];
  return a === b || b.startsWith(`${a}-`);
};

export function matchesConditions(conditions: TicketConditions, { ticket, customer }: RoutingFacts): boolean {
  if (conditions.priority?.length && !conditions.priority.includes(ticket.priority)) return false;
  if (conditions.channel?.length && !conditions.channel.includes(ticket.channel)) return false;
  if (conditions.tags?.length && !conditions.tags.some((tag) => ticket.tags.includes(tag))) return false;
  if (conditions.language?.length && !conditions.language.some((l) => customer?.language && speaks(l, customer.language))) return false;
  if (conditions.organizationId?.length && !conditions.organizationId.some((id) => id === customer?.organizationId)) return false;
  if (conditions.customerTags?.length && !conditions.customerTags.some((tag) => customer?.tags.includes(tag))) return false;
  return true;
}

/**
 * The queue a ticket waits in: among its team's queues when it has a team (the first matching, else
 * the team's first), otherwise the first queue whose conditions it matches. Queues come in position order.
 */
export function queueFor(queues: Queue[], facts: RoutingFacts): Queue | null {
  const teamId = facts.ticket.teamId;
  if (teamId !== null) {
    const own = queues.filter((q) => q.teamId === teamId);
    return own.find((q) => matchesConditions(q.conditions, facts)) ?? own[0] ?? null;
  }
  return queues.find((q) => matchesConditions(q.conditions, facts)) ?? null;
}

/** The skills the queue's rules ask of this ticket, each at the highest level any matching rule asks. */
export function requiredSkills(queue: Queue, facts: RoutingFacts): RequiredSkill[] {
  const levels = new Map<string, number>();
  for (const rule of queue.skillRules) {
    if (matchesConditions(rule.when, facts)) levels.set(rule.skill, Math.max(levels.get(rule.skill) ?? 0, rule.minLevel));
  }
  return [...levels].map(([skill, minLevel]) => ({ skill, minLevel }));
}
