import type { Task } from 'graphile-worker';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { systemActor } from '../auth/index.ts';
import { getTicket } from '../tickets/index.ts';
import { inClientTransaction } from '../db/pool.ts';
import { raiseAlert } from './sla-alerts.ts';
import { lockTicketClocks, selectClocks, selectPolicy, upsertClock } from './sla.queries.ts';
import { SLA_METRICS } from './sla.types.ts';

const TimerPayload = Type.Object({
  ticketId: Type.Integer(),
  metric: Type.Enum(SLA_METRICS),
  kind: Type.Enum(['warning', 'breach'] as const),
});

/**
 * The `sla.timer` job, due at a clock's warning or breach time. It acts only on the clock as it is
 * now: a clock that was met, paused or moved later is left alone (its new timer replaced this one),
 * and the alert itself is recorded at most once per clock cycle, however many processes run.
 */
export const slaTimer: Task = async (payload, helpers) => {
  Value.Assert(TimerPayload, payload);
  const { ticketId, metric, kind } = payload;
  await helpers.withPgClient((db) =>
    inClientTransaction(db, async (tx) => {
      const now = await lockTicketClocks(tx, ticketId);
      const clock = (await selectClocks(tx, ticketId)).find((c) => c.metric === metric);
      const at = kind === 'warning' ? clock?.warnAt : clock?.dueAt;
      if (!clock || clock.state !== 'running' || !at || at > now) return;
      if ((kind === 'warning' ? clock.warnedAt : clock.breachedAt) !== null) return;
      const policy = await selectPolicy(tx, clock.policyId);
      if (!policy) return;
      const ticket = await getTicket({ db: tx, actor: systemActor }, ticketId);
      await upsertClock(tx, await raiseAlert(tx, ticket, clock, policy, kind, clock.dueAt ?? at, now));
    }),
  );
};
