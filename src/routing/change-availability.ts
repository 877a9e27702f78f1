import type pg from 'pg';
import { recordAudit } from '../audit/index.ts';
import type { Actor } from '../auth/index.ts';
import { emitEvent } from '../events/index.ts';
import { requestDrain } from './route-ticket.ts';
import { removeJob } from '../jobs/enqueue.ts';
import { idleKey, scheduleIdleTimer, upsertAvailability } from './presence.queries.ts';
import type { AutoAway, Availability } from './routing.types.ts';

/**
 * Sets an agent's availability in the caller's transaction, with `autoAway` saying why when the
 * system rather than a person decided. A change is audited and announced; coming online serves the
 * agent's queues and starts their idle timer, leaving online stops it.
 */
export async function changeAvailability(tx: pg.PoolClient, actor: Actor, userId: number, status: Availability, autoAway: AutoAway | null = null): Promise<boolean> {
  const before = await upsertAvailability(tx, userId, status, autoAway);
  if (status === 'online') await scheduleIdleTimer(tx, userId);
  else await removeJob(tx, idleKey(userId));
  if (before === status) return false;
  await recordAudit(tx, actor, { action: 'agent.availability_changed', entityType: 'user', entityId: userId, before: { status: before }, after: { status, ...(autoAway ? { autoAway } : {}) } });
  await emitEvent(tx, 'agent.availability_changed', { agentId: userId, status, autoAway });
  if (status === 'online') await requestDrain(tx, { userId });
  return true;
}
