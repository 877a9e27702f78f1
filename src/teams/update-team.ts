import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, invalid, notFound } from '../platform/errors.ts';
import { selectTeam, updateTeamRow } from './teams.queries.ts';
import type { Team } from './teams.types.ts';

export interface TeamPatch {
  name?: string;
  description?: string;
}

export async function updateTeam(ctx: Ctx, id: number, patch: TeamPatch): Promise<Team> {
  requirePermission(ctx.actor, 'teams.manage');
  const name = patch.name?.trim();
  if (name === '') throw invalid('name', 'name must not be empty');
  return withTransaction(ctx.db, async (tx) => {
    const before = await selectTeam(tx, id, true);
    if (!before) throw notFound('team');
    const after = { name: name ?? before.name, description: patch.description?.trim() ?? before.description };
    if (!(await updateTeamRow(tx, id, after))) throw conflict(`a team named "${after.name}" already exists`, 'name');
    await recordAudit(tx, ctx.actor, {
      action: 'team.updated',
      entityType: 'team',
      entityId: id,
      before: { name: before.name, description: before.description },
      after,
    });
    await emitEvent(tx, 'team.updated', { teamId: id, name: after.name });
    return (await selectTeam(tx, id)) as Team;
  });
}
