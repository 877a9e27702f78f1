import { rankCandidates } from './choose-agent.ts';
import type { Candidate, PlanAgent, RequiredSkill, Strategy } from './routing.types.ts';

/** A waiting ticket as planning sees it. */
export interface PlanTicket {
  ticketId: number;
  requesterId: number;
  channel: string;
  requiredSkills: RequiredSkill[];
}

export interface PlannedAssignment {
  ticketId: number;
  userId: number;
}

const capacityFor = (agent: PlanAgent, channel: string) => agent.capacities[channel] ?? agent.capacities['*'] ?? null;
const hasRoom = (agent: PlanAgent, load: Record<string, number>, channel: string) => {
  const capacity = capacityFor(agent, channel);
  return capacity === null || (load[channel] ?? 0) < capacity;
};
const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

/**
 * Deals waiting tickets (in the order they are served) to agents, as deciding them one at a time
 * would: each ticket goes to the best-ranked agent with its skills and room on its channel, whose
 * load and turn then count for the next ticket. A returning customer's tickets go to their last
 * agent when eligible, if `lastAgentOf` is given (sticky queues). Pure, so a whole batch is planned
 * in memory under one set of locks. `turns` receives each chosen agent's new last-assigned time,
 * later than any before it; `fullChannels` gains the channels where nobody has room left (tickets
 * of those are passed over).
 */
export function planAssignments(
  strategy: Strategy,
  agents: PlanAgent[],
  tickets: PlanTicket[],
  lastAgentOf: Map<number, number> | null,
  now: Date,
  turns: Map<number, Date>,
  fullChannels: Set<string>,
): PlannedAssignment[] {
  const state = agents.map((agent) => ({ agent, load: { ...agent.load }, totalLoad: sum(agent.load), lastAssignedAt: agent.lastAssignedAt }));
  const planned: PlannedAssignment[] = [];
  const firstTurn = Math.max(now.getTime(), ...agents.map((a) => (a.lastAssignedAt?.getTime() ?? 0) + 1));
  for (const ticket of tickets) {
    if (fullChannels.has(ticket.channel)) continue;
    const candidates: (Candidate & { state: (typeof state)[number] })[] = [];
    for (const s of state) {
      if (!ticket.requiredSkills.every((r) => (s.agent.skills[r.skill] ?? 0) >= r.minLevel)) continue;
      const skillScore = ticket.requiredSkills.reduce((total, r) => total + (s.agent.skills[r.skill] ?? 0), 0);
      candidates.push({ userId: s.agent.userId, capacity: capacityFor(s.agent, ticket.channel), load: s.load[ticket.channel] ?? 0, totalLoad: s.totalLoad, lastAssignedAt: s.lastAssignedAt, skillScore, state: s });
    }
    const [chosen] = rankCandidates(candidates, strategy, lastAgentOf?.get(ticket.requesterId) ?? null) as typeof candidates;
    if (!chosen) {
      if (!state.some((s) => hasRoom(s.agent, s.load, ticket.channel))) fullChannels.add(ticket.channel);
      continue;
    }
    const turn = new Date(firstTurn + planned.length);
    chosen.state.load[ticket.channel] = chosen.load + 1;
    chosen.state.totalLoad += 1;
    chosen.state.lastAssignedAt = turn;
    turns.set(chosen.userId, turn);
    lastAgentOf?.set(ticket.requesterId, chosen.userId);
    planned.push({ ticketId: ticket.ticketId, userId: chosen.userId });
  }
  return planned;
}
