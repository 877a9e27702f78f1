import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, notFound } from '../platform/errors.ts';
import { deleteMember, insertMember, selectTeam, selectUserStatus } from './teams.queries.ts';

/** Idempotent: adding a member twice changes nothing and records nothing the second time. */
export async function addTeamMember(ctx: Ctx, teamId: number, userId: number): Promise<void> {
  requirePermission(ctx.actor, 'teams.manage');
  await withTransaction(ctx.db, async (tx) => {
    if (!(await selectTeam(tx, teamId))) throw notFound('team');
    const status = await selectUserStatus(tx, userId);
    if (status === null) throw notFound('agent');
    if (status === 'deactivated') throw conflict('a deactivated agent cannot join a team; reactivate them first', 'userId');
    if (!(await insertMember(tx, teamId, userId))) return;
    await recordAudit(tx, ctx.actor, { action: 'team.member_added', entityType: 'team', entityId: teamId, after: { userId } });
    await emitEvent(tx, 'team.member_added', { teamId, userId });
  });
}

export async function removeTeamMember(ctx: Ctx, teamId: number, userId: number): Promise<void> {
  requirePermission(ctx.actor, 'teams.manage');
  await withTransaction(ctx.db, async (tx) => {
    if (!(await selectTeam(tx, teamId))) throw notFound('team');
    if (!(await deleteMember(tx, teamId, userId))) throw notFound('team member');
    await recordAudit(tx, ctx.actor, { action: 'team.member_removed', entityType: 'team', entityId: teamId, before: { userId } });
    await emitEvent(tx, 'team.member_removed', { teamId, userId });
  });
}
