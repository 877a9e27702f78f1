import { recordAudit } from '../audit/index.ts';
import { hashPassword, hashToken, verifyPassword } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { forbidden, invalid } from '../platform/errors.ts';
import { deleteSessions, selectPasswordHash, setPasswordHash } from './agents.queries.ts';
import { checkPasswordStrength } from './password-rules.ts';

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
  /** The session making the change stays signed in; every other session ends. */
  keepSessionToken?: string;
}

export async function changeOwnPassword(ctx: Ctx, input: ChangePasswordInput): Promise<void> {
  const userId = ctx.actor.userId;
  if (userId === null) throw forbidden('only a signed-in user has a password');
  checkPasswordStrength(input.newPassword, 'newPassword');
  const current = await selectPasswordHash(ctx.db, userId);
  if (!(await verifyPassword(current, input.currentPassword))) throw invalid('currentPassword', 'the current password is not correct');
  const passwordHash = await hashPassword(input.newPassword);
  await withTransaction(ctx.db, async (tx) => {
    await setPasswordHash(tx, userId, passwordHash);
    await deleteSessions(tx, userId, input.keepSessionToken ? hashToken(input.keepSessionToken) : null);
    await recordAudit(tx, ctx.actor, { action: 'agent.password_changed', entityType: 'user', entityId: userId });
  });
}
