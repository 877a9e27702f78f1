import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { getAgent } from '../agents/index.ts';
import { withTransaction } from '../db/pool.ts';
import { enqueue } from '../jobs/enqueue.ts';
import type { Ctx } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { CHANNELS } from '../tickets/index.ts';
import { DRAIN_TASK } from './route-ticket.ts';
import { replaceCapacities, replaceSkills, selectAgentRouting } from './routing.queries.ts';
import type { AgentRouting, AgentSkill } from './routing.types.ts';

export interface RoutingProfilePatch {
  /** Max concurrent live tickets per channel; '*' for channels without their own entry. Replaces all. */
  capacities?: Record<string, number>;
  /** Replaces all. */
  skills?: AgentSkill[];
}

/** A supervisor sets an agent's capacities and skills; more room serves the agent's queues. */
export async function setRoutingProfile(ctx: Ctx, userId: number, patch: RoutingProfilePatch): Promise<AgentRouting> {
  requirePermission(ctx.actor, 'teams.manage');
  await getAgent(ctx, userId);
  const skills = patch.skills?.map((s, i) => {
    const skill = s.skill.trim().toLowerCase();
    if (!skill) throw invalid(`skills.${i}.skill`, 'skill must not be empty');
    return { skill, level: s.level };
  });
  for (const channel of Object.keys(patch.capacities ?? {})) {
    if (channel !== '*' && !(CHANNELS as readonly string[]).includes(channel)) throw invalid(`capacities.${channel}`, `${channel} is not a channel (or "*" for any other)`);
  }
  if (skills && new Set(skills.map((s) => s.skill)).size !== skills.length) throw invalid('skills', 'each skill may appear once');
  return withTransaction(ctx.db, async (tx) => {
    const [before] = await selectAgentRouting(tx, [userId]);
    if (patch.capacities) await replaceCapacities(tx, userId, patch.capacities);
    if (skills) await replaceSkills(tx, userId, skills);
    const after = (await selectAgentRouting(tx, [userId]))[0] as AgentRouting;
    await recordAudit(tx, ctx.actor, {
      action: 'agent.routing_profile_changed',
      entityType: 'user',
      entityId: userId,
      before: { capacities: before?.capacities, skills: before?.skills },
      after: { capacities: after.capacities, skills: after.skills },
    });
    await enqueue(tx, DRAIN_TASK, { userId }, { jobKey: `${DRAIN_TASK}:agent:${userId}` });
    return after;
  });
}
