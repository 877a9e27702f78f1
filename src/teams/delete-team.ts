import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, notFound } from '../platform/errors.ts';
import { deleteTeamRow, selectMembers, selectTeam } from './teams.queries.ts';

/** Refused while tickets belong to the team, so no ticket silently loses its team. */
export async function deleteTeam(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'teams.manage');
  await withTransaction(ctx.db, async (tx) => {
    const team = await selectTeam(tx, id, true);
    if (!team) throw notFound('team');
    const memberIds = (await selectMembers(tx, id)).map((m) => m.id);
    if (!(await deleteTeamRow(tx, id))) throw conflict(`tickets still belong to the team "${team.name}"; move them to another team first`);
    await recordAudit(tx, ctx.actor, {
      action: 'team.deleted',
      entityType: 'team',
      entityId: id,
      before: { name: team.name, description: team.description, memberIds },
    });
    await emitEvent(tx, 'team.deleted', { teamId: id, name: team.name });
  });
}
