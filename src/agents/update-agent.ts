import { recordAudit } from '../audit/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { assertNotLastAdmin, grantableRole, requireManageable } from './agent-guards.ts';
import { lockAdminChanges, selectAgent, updateUserRow } from './agents.queries.ts';
import type { Agent } from './agents.types.ts';
import { auditView } from './invite-agent.ts';

export interface AgentPatch {
  name?: string;
  /** Role key. */
  role?: string;
  /** IANA time zone, e.g. Europe/Berlin. */
  timeZone?: string;
}

/** Anyone may change their own name and time zone; everything else needs `users.manage`. */
export async function updateAgent(ctx: Ctx, id: number, patch: AgentPatch): Promise<Agent> {
  const name = patch.name?.trim();
  if (name === '') throw invalid('name', 'name must not be empty');
  const timeZone = patch.timeZone === undefined ? undefined : canonicalTimeZone(patch.timeZone);
  return withTransaction(ctx.db, async (tx) => {
    if (patch.role !== undefined) await lockAdminChanges(tx);
    const before = await selectAgent(tx, id, true);
    if (!before) throw notFound('agent');
    if (id !== ctx.actor.userId || patch.role !== undefined) await requireManageable(ctx, tx, before);
    let roleId: number | null = null;
    if (patch.role !== undefined && patch.role !== before.role) {
      roleId = (await grantableRole(ctx, tx, patch.role)).id;
      await assertNotLastAdmin(tx, before);
    }
    await updateUserRow(tx, id, { name: name ?? before.name, roleId, timeZone: timeZone ?? before.timeZone });
    const after = (await selectAgent(tx, id)) as Agent;
    const [was, now] = [auditView(before), auditView(after)];
    const changed = (Object.keys(now) as (keyof typeof now)[]).filter((k) => now[k] !== was[k]);
    if (changed.length > 0) {
      const pick = (view: typeof now) => Object.fromEntries(changed.map((k) => [k, view[k]]));
      await recordAudit(tx, ctx.actor, { action: 'agent.updated', entityType: 'user', entityId: id, before: pick(was), after: pick(now) });
      await emitEvent(tx, 'agent.updated', { agentId: id, changes: Object.fromEntries(changed.map((k) => [k, { from: was[k], to: now[k] }])) });
    }
    return after;
  });
}

function canonicalTimeZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw invalid('timeZone', `"${zone}" is not a known time zone; use an IANA name like Europe/Berlin`);
  }
}
