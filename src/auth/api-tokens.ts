import { recordAudit } from '../audit/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError, forbidden, invalid, notFound } from '../platform/errors.ts';
import { can } from './actor.ts';
import { type ApiTokenRow, insertApiToken, revokeApiTokenRow, selectApiTokenOwner, selectApiTokens } from './auth.queries.ts';
import { newToken } from './secrets.ts';

function userIdOf(ctx: Ctx): number {
  if (ctx.actor.userId === null) throw new AppError('forbidden', 'API tokens belong to a user');
  return ctx.actor.userId;
}

/** Returns the token once; only its hash is kept. */
export async function createApiToken(ctx: Ctx, input: { name: string }): Promise<{ token: string; apiToken: ApiTokenRow }> {
  const userId = userIdOf(ctx);
  const name = input.name.trim();
  if (!name) throw invalid('name', 'name must not be empty');
  const { token, hash } = newToken('tend');
  const apiToken = await withTransaction(ctx.db, async (tx) => {
    const row = await insertApiToken(tx, { userId, name, tokenHash: hash, prefix: token.slice(0, 9) });
    await recordAudit(tx, ctx.actor, { action: 'api_token.created', entityType: 'api_token', entityId: row.id, after: { name } });
    return row;
  });
  return { token, apiToken };
}

/** Own tokens; admins (users.manage) see everyone's. */
export async function listApiTokens(ctx: Ctx): Promise<(ApiTokenRow & { userId: number })[]> {
  return selectApiTokens(ctx.db, can(ctx.actor, 'users.manage') ? null : userIdOf(ctx));
}

export async function revokeApiToken(ctx: Ctx, id: number): Promise<void> {
  const userId = userIdOf(ctx);
  await withTransaction(ctx.db, async (tx) => {
    const owner = await selectApiTokenOwner(tx, id);
    if (owner === null) throw notFound('API token');
    if (owner !== userId && !can(ctx.actor, 'users.manage')) throw forbidden('only admins may revoke other users’ tokens');
    await revokeApiTokenRow(tx, id);
    await recordAudit(tx, ctx.actor, { action: 'api_token.revoked', entityType: 'api_token', entityId: id });
  });
}
