import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, invalid } from '../platform/errors.ts';
import { insertTeam, selectTeam } from './teams.queries.ts';
import type { Team } from './teams.types.ts';

export interface CreateTeamInput {
  name: string;
  description?: string;
}

export async function createTeam(ctx: Ctx, input: CreateTeamInput): Promise<Team> {
  requirePermission(ctx.actor, 'teams.manage');
  const name = input.name.trim();
  if (!name) throw invalid('name', 'name must not be empty');
  const description = input.description?.trim() ?? '';
  return withTransaction(ctx.db, async (tx) => {
    const id = await insertTeam(tx, { name, description });
    if (id === null) throw conflict(`a team named "${name}" already exists`, 'name');
    await recordAudit(tx, ctx.actor, { action: 'team.created', entityType: 'team', entityId: id, after: { name, description } });
    await emitEvent(tx, 'team.created', { teamId: id, name });
    return (await selectTeam(tx, id)) as Team;
  });
}
