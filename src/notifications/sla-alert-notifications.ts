import type { DomainEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { listTeamMembers } from '../teams/index.ts';
import { getTicket, type Ticket } from '../tickets/index.ts';
import type { NotificationToSend } from './notify-people.ts';

export const SLA_EVENTS = ['sla.warning', 'sla.breached', 'sla.escalated'] as const;

const METRIC_LABEL: Record<string, string> = { first_response: 'First response', next_response: 'Next response', resolution: 'Resolution' };

function dueText(metric: string, dueAt: unknown, breached: boolean): string {
  const label = METRIC_LABEL[metric] ?? metric;
  if (breached) return `${label} target missed`;
  const minutes = typeof dueAt === 'string' ? Math.max(0, Math.round((Date.parse(dueAt) - Date.now()) / 60_000)) : null;
  return minutes === null ? `${label} due soon` : `${label} due in ${minutes} min`;
}

/**
 * Who must act on a clock about to run out: the assignee, who owns the ticket. An unassigned
 * ticket belongs to its team's queue, so every active member of that team is told — any of them
 * can pick it up. A ticket with neither has nobody to tell here; supervisors learn of breaches
 * through the policy's escalation list (`sla.escalated`), which is what that list is for.
 */
async function owners(ctx: Ctx, ticket: Ticket): Promise<number[]> {
  if (ticket.assignee) return [ticket.assignee.id];
  if (!ticket.team) return [];
  return (await listTeamMembers(ctx, ticket.team.id)).filter((m) => m.status === 'active').map((m) => m.id);
}

/** Bell notifications for an SLA warning, breach or escalation event. */
export async function slaAlertNotifications(ctx: Ctx, event: DomainEvent): Promise<NotificationToSend[]> {
  const p = event.payload;
  if (typeof p.ticketId !== 'number') return [];
  const ticket = await getTicket(ctx, p.ticketId);
  const metric = String(p.metric ?? '');
  const body = `#${ticket.id} · ${dueText(metric, p.dueAt, event.type !== 'sla.warning')}`;
  if (event.type === 'sla.escalated') {
    if (typeof p.forUserId !== 'number') return [];
    return [{ userId: p.forUserId, kind: 'escalated', ticketId: ticket.id, title: `Escalated, SLA breached: ${ticket.subject}`, body }];
  }
  const breached = event.type === 'sla.breached';
  return (await owners(ctx, ticket)).map((userId) => ({
    userId,
    kind: breached ? 'sla_breached' : 'sla_warning',
    ticketId: ticket.id,
    title: `${breached ? 'SLA breached' : 'SLA due soon'}: ${ticket.subject}`,
    body,
  }));
}
