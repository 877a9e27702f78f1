import { describe, expect, it } from 'vitest';
import { planAssignments, type PlanTicket } from './plan-assignments.ts';
import type { PlanAgent } from './routing.types.ts';

const agent = (userId: number, fields: Partial<PlanAgent> = {}): PlanAgent => ({ userId, lastAssignedAt: null, capacities: {}, skills: {}, load: {}, ...fields });
const tickets = (n: number, fields: Partial<PlanTicket> = {}, from = 1): PlanTicket[] =>
  Array.from({ length: n }, (_, i) => ({ ticketId: from + i, requesterId: from + i, channel: 'email', requiredSkills: [], ...fields }));
const NOW = new Date(Date.UTC(2026, 0, 5, 9));

/** Plans batch after batch as the queue's drain does, carrying loads and turns over. */
function planInBatches(agents: PlanAgent[], all: PlanTicket[], size: number, strategy: 'round_robin' | 'least_loaded' = 'round_robin') {
  const counts = new Map<number, number>();
  for (let i = 0; i < all.length; i += size) {
    const turns = new Map<number, Date>();
    for (const p of planAssignments(strategy, agents, all.slice(i, i + size), null, NOW, turns, new Set())) {
      counts.set(p.userId, (counts.get(p.userId) ?? 0) + 1);
      const a = agents.find((x) => x.userId === p.userId) as PlanAgent;
      a.load.email = (a.load.email ?? 0) + 1;
    }
    for (const [userId, at] of turns) (agents.find((x) => x.userId === userId) as PlanAgent).lastAssignedAt = at;
  }
  return counts;
}

describe('planning a batch of assignments', () => {
  it('deals 1,000 round-robin assignments evenly among seven agents, across batches', () => {
    const counts = planInBatches([1, 2, 3, 4, 5, 6, 7].map((id) => agent(id)), tickets(1000), 64);
    expect([...counts.values()].sort()).toEqual([142, 143, 143, 143, 143, 143, 143]);
  });

  it('never plans past an agent’s capacity on the channel, and marks a channel full when nobody has room', () => {
    const agents = [agent(1, { capacities: { email: 3, '*': 0 }, load: { email: 1 } }), agent(2, { capacities: { '*': 2 } }), agent(3, { capacities: { email: 0, chat: 9 } })];
    const full = new Set<string>();
    const plan = planAssignments('least_loaded', agents, tickets(10), null, NOW, new Map(), full);
    const per = (id: number) => plan.filter((p) => p.userId === id).length;
    expect([per(1), per(2), per(3)]).toEqual([2, 2, 0]);
    expect(full).toEqual(new Set(['email']));
    expect(planAssignments('least_loaded', agents, tickets(3, { channel: 'chat' }), null, NOW, new Map(), full).map((p) => p.userId)).toEqual([2, 3, 3]);
  });

  it('gives skilled tickets only to agents with the skill at the level asked, best match first', () => {
    const agents = [agent(1, { skills: { german: 2 } }), agent(2, { skills: { german: 5 } }), agent(3, { skills: { german: 4 } })];
    const plan = planAssignments('skills_best_match', agents, tickets(2, { requiredSkills: [{ skill: 'german', minLevel: 3 }] }), null, NOW, new Map(), new Set());
    expect(plan.map((p) => p.userId)).toEqual([2, 2]);
    const roundRobin = planAssignments('round_robin', agents, tickets(4, { requiredSkills: [{ skill: 'german', minLevel: 3 }] }), null, NOW, new Map(), new Set());
    expect(roundRobin.map((p) => p.userId)).toEqual([2, 3, 2, 3]);
  });

  it('keeps a returning customer with their last agent, including a second ticket in the same batch', () => {
    const agents = [agent(1), agent(2), agent(3)];
    const plan = planAssignments('round_robin', agents, [...tickets(1, { requesterId: 77 }), ...tickets(1, { requesterId: 88 }, 2), ...tickets(1, { requesterId: 88 }, 3)], new Map([[77, 3]]), NOW, new Map(), new Set());
    expect(plan).toEqual([
      { ticketId: 1, userId: 3 },
      { ticketId: 2, userId: 1 },
      { ticketId: 3, userId: 1 },
    ]);
  });

  it('hands out turns later than any an agent already had', () => {
    const later = new Date(NOW.getTime() + 5_000);
    const turns = new Map<number, Date>();
    planAssignments('round_robin', [agent(1, { lastAssignedAt: later }), agent(2)], tickets(2), null, NOW, turns, new Set());
    expect([...turns.values()].every((at) => at > later)).toBe(true);
  });
});
