import { requirePermission } from '../../auth/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { type Availability, listAgentRouting } from '../../routing/index.ts';
import { selectCallbackQueues, selectCallbackQueueStats, selectCallbackRequests } from './callbacks.queries.ts';
import type { CallbackRequest } from './callbacks.types.ts';
import { type Call, selectLiveCalls } from './phone.queries.ts';

export interface CallbackQueueLive {
  id: number;
  name: string;
  maxWaitSeconds: number;
  waiting: number;
  offered: number;
  taken: number;
  escalated: number;
  longestWaitSeconds: number;
}

export interface AgentOnPhone {
  id: number;
  name: string;
  availability: Availability;
  /** What they are doing: on a call, calling back, holding an offer, or free. */
  activity: 'on_call' | 'calling_back' | 'offered' | 'free';
  callId: number | null;
  callbackId: number | null;
  since: Date | null;
}

export interface LiveCallQueue {
  at: Date;
  /** Inbound calls ringing with nobody on them yet. */
  callsWaiting: number;
  callbacksWaiting: number;
  /** The longest current wait of a ringing call or an untaken callback. */
  longestWaitSeconds: number;
  agentsOnCall: number;
  calls: Call[];
  callbacks: CallbackRequest[];
  queues: CallbackQueueLive[];
  agents: AgentOnPhone[];
}

const LIVE_CALLBACKS = 500;
const secondsSince = (now: Date, then: Date | null) => (then ? Math.max(0, Math.floor((now.getTime() - then.getTime()) / 1000)) : 0);

/** The supervisor's phone wall: calls and callbacks waiting, the longest wait, who is on a call. */
export async function liveCallQueue(ctx: Ctx): Promise<LiveCallQueue> {
  requirePermission(ctx.actor, 'reports.read');
  const now = new Date();
  const [calls, callbacks, queues, stats, agents] = await Promise.all([
    selectLiveCalls(ctx.db),
    selectCallbackRequests(ctx.db, { statuses: ['waiting', 'offered', 'taken'], limit: LIVE_CALLBACKS }),
    selectCallbackQueues(ctx.db),
    selectCallbackQueueStats(ctx.db),
    listAgentRouting(ctx),
  ]);
  const ringing = calls.filter((c) => c.status === 'ringing' && c.direction === 'inbound' && c.agentId === null);
  const open = callbacks.filter((c) => c.status === 'waiting' || c.status === 'offered');
  const statsOf = new Map(stats.map((s) => [s.queueId, s]));
  const activityOf = (userId: number): Pick<AgentOnPhone, 'activity' | 'callId' | 'callbackId' | 'since'> => {
    const call = calls.find((c) => c.agentId === userId);
    if (call) return { activity: 'on_call', callId: call.id, callbackId: null, since: call.answeredAt ?? call.startedAt };
    const taken = callbacks.find((c) => c.status === 'taken' && c.takenBy === userId);
    if (taken) return { activity: 'calling_back', callId: null, callbackId: taken.id, since: taken.takenAt };
    const offered = callbacks.find((c) => c.status === 'offered' && c.offeredTo === userId);
    if (offered) return { activity: 'offered', callId: null, callbackId: offered.id, since: offered.offeredAt };
    return { activity: 'free', callId: null, callbackId: null, since: null };
  };
  const people = agents.filter((a) => a.status !== 'offline' || calls.some((c) => c.agentId === a.userId)).map((a) => ({ id: a.userId, name: a.name, availability: a.status, ...activityOf(a.userId) }));
  return {
    at: now,
    callsWaiting: ringing.length,
    callbacksWaiting: open.length,
    longestWaitSeconds: Math.max(0, ...ringing.map((c) => secondsSince(now, c.startedAt)), ...open.map((c) => secondsSince(now, c.requestedAt))),
    agentsOnCall: people.filter((p) => p.activity === 'on_call').length,
    calls,
    callbacks: [...callbacks].sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime()),
    queues: queues.map((q) => {
      const s = statsOf.get(q.id);
      return { id: q.id, name: q.name, maxWaitSeconds: q.maxWaitSeconds, waiting: s?.waiting ?? 0, offered: s?.offered ?? 0, taken: s?.taken ?? 0, escalated: s?.escalated ?? 0, longestWaitSeconds: secondsSince(now, s?.oldestRequestedAt ?? null) };
    }),
    agents: people,
  };
}
