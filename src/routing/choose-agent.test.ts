import { describe, expect, it } from 'vitest';
import { rankCandidates } from './choose-agent.ts';
import type { Candidate } from './routing.types.ts';

const agent = (userId: number, fields: Partial<Candidate> = {}): Candidate => ({ userId, capacity: null, load: 0, totalLoad: 0, lastAssignedAt: null, skillScore: 0, ...fields });

describe('ranking candidates', () => {
  it('deals 1,000 round-robin assignments evenly among seven agents', () => {
    const agents = [1, 2, 3, 4, 5, 6, 7].map((id) => agent(id));
    const counts = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const [chosen] = rankCandidates(agents, 'round_robin', null);
      counts.set(chosen!.userId, (counts.get(chosen!.userId) ?? 0) + 1);
      chosen!.lastAssignedAt = new Date(Date.UTC(2026, 0, 1) + i);
    }
    expect([...counts.values()].sort()).toEqual([142, 143, 143, 143, 143, 143, 143]);
  });

  it('never offers work to an agent at capacity', () => {
    const ranked = rankCandidates([agent(1, { capacity: 3, load: 3 }), agent(2, { capacity: 3, load: 2 })], 'round_robin', 1);
    expect(ranked.map((c) => c.userId)).toEqual([2]);
  });

  it('prefers the least loaded by share of capacity', () => {
    const ranked = rankCandidates([agent(1, { capacity: 10, load: 4 }), agent(2, { capacity: 3, load: 2 }), agent(3, { capacity: 20, load: 2 })], 'least_loaded', null);
    expect(ranked.map((c) => c.userId)).toEqual([3, 1, 2]);
  });

  it('prefers the best skill match, then the less loaded', () => {
    const ranked = rankCandidates([agent(1, { skillScore: 3 }), agent(2, { skillScore: 5, totalLoad: 4 }), agent(3, { skillScore: 5, totalLoad: 1 })], 'skills_best_match', null);
    expect(ranked.map((c) => c.userId)).toEqual([3, 2, 1]);
  });

  it('puts the customer’s last agent first when they are eligible', () => {
    expect(rankCandidates([agent(1), agent(2, { lastAssignedAt: new Date() })], 'round_robin', 2).map((c) => c.userId)).toEqual([2, 1]);
  });
});
