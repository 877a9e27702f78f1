import { getAgent } from '../agents/index.ts';
import { getTeam } from '../teams/index.ts';
import type { Ctx } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import type { PolicyFields } from './sla.queries.ts';

const DEFAULTS: Omit<PolicyFields, 'name'> = {
  position: 0,
  active: true,
  conditions: {},
  firstResponseMinutes: null,
  nextResponseMinutes: null,
  resolutionMinutes: null,
  warningMinutes: 0,
  calendarId: null,
  pauseStatuses: ['pending', 'on_hold'],
  escalation: {},
};

/** The stored fields: `base` (defaults, or the policy being changed) with `input` laid over it, checked. */
export async function policyFields(ctx: Ctx, base: PolicyFields | null, input: Partial<PolicyFields>): Promise<PolicyFields> {
  const fields: PolicyFields = { ...DEFAULTS, ...(base ?? { name: '' }), ...input };
  fields.name = fields.name.trim();
  if (!fields.name) throw invalid('name', 'name must not be empty');
  if (fields.firstResponseMinutes === null && fields.nextResponseMinutes === null && fields.resolutionMinutes === null) {
    throw invalid('firstResponseMinutes', 'a policy needs at least one target (first response, next response or resolution)');
  }
  const { escalation } = fields;
  if (escalation.assigneeId !== undefined) await getAgent(ctx, escalation.assigneeId).catch(() => Promise.reject(invalid('escalation.assigneeId', 'no such agent')));
  if (escalation.teamId !== undefined) await getTeam(ctx, escalation.teamId).catch(() => Promise.reject(invalid('escalation.teamId', 'no such team')));
  for (const [i, userId] of (escalation.notifyUserIds ?? []).entries()) {
    await getAgent(ctx, userId).catch(() => Promise.reject(invalid(`escalation.notifyUserIds.${i}`, 'no such agent')));
  }
  return fields;
}
