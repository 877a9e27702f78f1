import type pg from 'pg';
import { systemActor } from '../auth/index.ts';
import { emitEvent } from '../events/index.ts';
import { PRIORITIES, type Ticket, updateTicket } from '../tickets/index.ts';
import { insertAlert } from './sla.queries.ts';
import type { AlertKind, SlaClock, SlaPolicy } from './sla.types.ts';

const raised = (priority: Ticket['priority']) => PRIORITIES[Math.min(PRIORITIES.indexOf(priority) + 1, PRIORITIES.length - 1)] as Ticket['priority'];

/**
 * Records a warning or breach of a clock's current cycle, once: whichever process gets here first
 * inserts the alert, and only it announces the alert and, for a breach, escalates. Returns the clock
 * with the alert's time set.
 */
export async function raiseAlert(tx: pg.PoolClient, ticket: Ticket, clock: SlaClock, policy: SlaPolicy, kind: AlertKind, dueAt: Date, at: Date): Promise<SlaClock> {
  const marked = kind === 'warning' ? { ...clock, warnedAt: clock.warnedAt ?? at } : { ...clock, breachedAt: clock.breachedAt ?? at };
  const first = await insertAlert(tx, { ticketId: ticket.id, metric: clock.metric, kind, cycleStartedAt: clock.cycleStartedAt, policyId: policy.id, dueAt });
  if (!first) return marked;
  const payload = { ticketId: ticket.id, metric: clock.metric, policyId: policy.id, dueAt: dueAt.toISOString() };
  await emitEvent(tx, kind === 'warning' ? 'sla.warning' : 'sla.breached', payload);
  if (kind === 'breach') await escalate(tx, ticket, policy, payload);
  return marked;
}

async function escalate(tx: pg.PoolClient, ticket: Ticket, policy: SlaPolicy, payload: Record<string, unknown>): Promise<void> {
  const { escalation } = policy;
  // Each person to tell gets an event addressed to them alone, which the live clients show.
  for (const userId of escalation.notifyUserIds ?? []) await emitEvent(tx, 'sla.escalated', { ...payload, forUserId: userId });
  const patch = {
    ...(escalation.raisePriority && ticket.priority !== 'urgent' ? { priority: raised(ticket.priority) } : {}),
    ...(escalation.addTags?.length ? { addTags: escalation.addTags } : {}),
    ...(escalation.assigneeId !== undefined ? { assigneeId: escalation.assigneeId } : {}),
    ...(escalation.teamId !== undefined ? { teamId: escalation.teamId } : {}),
  };
  if (Object.keys(patch).length > 0) await updateTicket({ db: tx, actor: systemActor }, ticket.id, patch);
}
