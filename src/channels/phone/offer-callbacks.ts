import { systemActor } from '../../auth/index.ts';
import { inClientTransaction, type Queryable } from '../../db/pool.ts';
import { emitEvent } from '../../events/index.ts';
import { notifyPeople } from '../../notifications/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { listAgentRouting } from '../../routing/index.ts';
import { listTeamMembers } from '../../teams/index.ts';
import { scheduleOfferLapse } from './callback-schedule.ts';
import { lockOfferRound, selectBusyAgentIds, selectCallbackQueue, selectLastOffers, selectWaitingForOffer, updateCallbackRequest } from './callbacks.queries.ts';
import type { CallbackQueue } from './callbacks.types.ts';

const ROUND_SIZE = 100;

/**
 * One offer round: each waiting callback, oldest first, goes to a free agent of its queue — online
 * (routing's availability), not holding an offer, not calling back, not on a call — taking turns by
 * whose last offer was longest ago, and skipping agents who already let this one pass (until every
 * free agent has). Returns how many were offered.
 */
export async function offerCallbacks(db: Queryable): Promise<number> {
  return inClientTransaction(db, async (tx) => {
    await lockOfferRound(tx);
    const waiting = await selectWaitingForOffer(tx, ROUND_SIZE);
    if (waiting.length === 0) return 0;
    const ctx: Ctx = { db: tx, actor: systemActor };
    const online = (await listAgentRouting(ctx)).filter((a) => a.status === 'online').map((a) => a.userId);
    const busy = await selectBusyAgentIds(tx);
    const lastOffer = await selectLastOffers(tx, online);
    // Agents in turn order; whoever is offered one moves to the back.
    const turn = online.filter((id) => !busy.has(id)).sort((a, b) => (lastOffer.get(a)?.getTime() ?? 0) - (lastOffer.get(b)?.getTime() ?? 0) || a - b);
    const queues = new Map<number, { queue: CallbackQueue | null; members: Set<number> | null }>();
    const servedBy = async (queueId: number) => {
      if (!queues.has(queueId)) {
        const queue = await selectCallbackQueue(tx, queueId);
        const members = queue?.teamId ? new Set((await listTeamMembers(ctx, queue.teamId)).filter((m) => m.status === 'active').map((m) => m.id)) : null;
        queues.set(queueId, { queue, members });
      }
      return queues.get(queueId) as { queue: CallbackQueue | null; members: Set<number> | null };
    };

    let offered = 0;
    for (const callback of waiting) {
      if (turn.length === 0) break;
      const { queue, members } = await servedBy(callback.queueId);
      if (!queue) continue;
      const eligible = turn.filter((id) => !members || members.has(id));
      const fresh = eligible.filter((id) => !callback.passedBy.includes(id));
      const agentId = fresh[0] ?? eligible[0];
      if (agentId === undefined) continue;
      const offeredAt = new Date();
      await updateCallbackRequest(tx, callback.id, { status: 'offered', offeredTo: agentId, offeredAt, ...(fresh.length === 0 ? { passedBy: [] } : {}) });
      turn.splice(turn.indexOf(agentId), 1);
      await scheduleOfferLapse(tx, callback.id, agentId, offeredAt);
      const eventId = await emitEvent(tx, 'callback.offered', { callbackId: callback.id, queueId: queue.id, ticketId: callback.ticketId, agentId });
      await notifyPeople(tx, eventId, [
        { userId: agentId, kind: 'assigned', ticketId: callback.ticketId, title: `Call back ${callback.name || callback.phone} (${queue.name})`, body: callback.reason || `Requested a call back on ${callback.phone}` },
      ]);
      offered++;
    }
    return offered;
  });
}
