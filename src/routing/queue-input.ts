import { getAgent } from '../agents/index.ts';
import { normalizeLanguage } from '../customers/index.ts';
import type { Ctx } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { normalizeTags } from '../platform/tags.ts';
import { getTeam } from '../teams/index.ts';
import { type QueueFields, selectQueue } from './routing.queries.ts';
import type { TicketConditions } from './routing.types.ts';

const DEFAULTS: Omit<QueueFields, 'name' | 'teamId' | 'strategy'> = {
  position: 0,
  active: true,
  conditions: {},
  skillRules: [],
  sticky: true,
  maxWaitMinutes: null,
  onMaxWait: null,
  calendarId: null,
};

/** Conditions spelled as tickets and customers store them: canonical language tags, normalised tags. */
function tidyConditions(c: TicketConditions, field: string): TicketConditions {
  return {
    ...c,
    ...(c.tags ? { tags: normalizeTags(c.tags, `${field}.tags`) } : {}),
    ...(c.customerTags ? { customerTags: normalizeTags(c.customerTags, `${field}.customerTags`) } : {}),
    ...(c.language ? { language: c.language.map((l, i) => normalizeLanguage(l, `${field}.language.${i}`)) } : {}),
  };
}

/** The stored fields: `base` (defaults, or the queue being changed) with `input` laid over it, checked. */
export async function queueFields(ctx: Ctx, base: QueueFields | null, input: Partial<QueueFields>, selfId: number | null): Promise<QueueFields> {
  const fields = { ...DEFAULTS, ...base, ...input } as QueueFields;
  fields.name = fields.name.trim();
  if (!fields.name) throw invalid('name', 'name must not be empty');
  await getTeam(ctx, fields.teamId).catch(() => Promise.reject(invalid('teamId', 'no such team')));
  fields.conditions = tidyConditions(fields.conditions, 'conditions');
  fields.skillRules = fields.skillRules.map((rule, i) => {
    const skill = rule.skill.trim().toLowerCase();
    if (!skill) throw invalid(`skillRules.${i}.skill`, 'skill must not be empty');
    return { ...rule, skill, when: tidyConditions(rule.when, `skillRules.${i}.when`) };
  });
  const action = fields.onMaxWait;
  if (action && !fields.maxWaitMinutes) throw invalid('maxWaitMinutes', 'set the maximum wait that triggers onMaxWait');
  if (action?.kind === 'overflow') {
    if (action.queueId === selfId) throw invalid('onMaxWait.queueId', 'a queue cannot overflow into itself');
    if (!(await selectQueue(ctx.db, action.queueId))) throw invalid('onMaxWait.queueId', 'no such queue');
  }
  if (action?.kind === 'escalate') {
    for (const [i, userId] of (action.notifyUserIds ?? []).entries()) {
      await getAgent(ctx, userId).catch(() => Promise.reject(invalid(`onMaxWait.notifyUserIds.${i}`, 'no such agent')));
    }
  }
  if (action?.kind === 'auto_reply' && !action.body.trim()) throw invalid('onMaxWait.body', 'body must not be empty');
  return fields;
}
