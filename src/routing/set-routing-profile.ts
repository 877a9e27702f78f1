import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { getAgent } from '../agents/index.ts';
import { withTransaction } from '../db/pool.ts';
import { getCalendar } from '../business-hours/index.ts';
import type { Ctx } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { CHANNELS } from '../tickets/index.ts';
import { applyShift } from './auto-away.ts';
import { savePresenceSettings, scheduleIdleTimer } from './presence.queries.ts';
import { requestDrain } from './route-ticket.ts';
import { replaceCapacities, replaceSkills, selectAgentRouting } from './routing.queries.ts';
import type { AgentRouting, AgentSkill } from './routing.types.ts';

export interface RoutingProfilePatch {
  /** Max concurrent live tickets per channel; '*' for channels without their own entry. Replaces all. */
  capacities?: Record<string, number>;
  /** Replaces all. */
  skills?: AgentSkill[];
  /** Set away after this long without activity; 0: never. */
  idleAwayMinutes?: number;
  /** Away outside this calendar's hours; null: no shift. */
  shiftCalendarId?: number | null;
}

/** A supervisor sets an agent's capacities, skills, idle time and shift; more room serves the agent's queues. */
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
  if (patch.shiftCalendarId) await getCalendar(ctx, patch.shiftCalendarId).catch(() => Promise.reject(invalid('shiftCalendarId', 'no such calendar')));
  const presence = { idleAwayMinutes: patch.idleAwayMinutes, shiftCalendarId: patch.shiftCalendarId };
  return withTransaction(ctx.db, async (tx) => {
    const [before] = await selectAgentRouting(tx, [userId]);
    if (patch.capacities) await replaceCapacities(tx, userId, patch.capacities);
    if (skills) await replaceSkills(tx, userId, skills);
    if (presence.idleAwayMinutes !== undefined || presence.shiftCalendarId !== undefined) await savePresenceSettings(tx, userId, presence);
    if (presence.idleAwayMinutes !== undefined) await scheduleIdleTimer(tx, userId);
    if (presence.shiftCalendarId !== undefined) await applyShift(tx, userId);
    const after = (await selectAgentRouting(tx, [userId]))[0] as AgentRouting;
    await recordAudit(tx, ctx.actor, {
      action: 'agent.routing_profile_changed',
      entityType: 'user',
      entityId: userId,
      before: { capacities: before?.capacities, skills: before?.skills, idleAwayMinutes: before?.idleAwayMinutes, shiftCalendarId: before?.shiftCalendarId },
      after: { capacities: after.capacities, skills: after.skills, idleAwayMinutes: after.idleAwayMinutes, shiftCalendarId: after.shiftCalendarId },
    });
    await requestDrain(tx, { userId });
    return after;
  });
}
