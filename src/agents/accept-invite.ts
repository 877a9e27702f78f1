import { recordAudit } from '../audit/index.ts';
import { hashPassword, hashToken } from '../auth/index.ts';
import { type Db, withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import { invalid } from '../platform/errors.ts';
import { acceptInviteRow, selectAgent } from './agents.queries.ts';
import type { Agent } from './agents.types.ts';
import { auditView } from './invite-agent.ts';
import { checkPasswordStrength } from './password-rules.ts';

/** The invitee sets a password; the invite link is spent and they can sign in. */
export async function acceptInvite(db: Db, input: { token: string; password: string; ip: string | null }): Promise<Agent> {
  checkPasswordStrength(input.password, 'password');
  const passwordHash = await hashPassword(input.password);
  return withTransaction(db, async (tx) => {
    const id = await acceptInviteRow(tx, hashToken(input.token), passwordHash);
    if (id === null) throw invalid('token', 'this invite link is invalid, already used or expired; ask an admin for a new one');
    const agent = (await selectAgent(tx, id)) as Agent;
    const actor = { kind: 'user' as const, userId: id, ip: input.ip ?? undefined };
    await recordAudit(tx, { ...actor, name: agent.name, role: agent.role, permissions: new Set() }, {
      action: 'agent.invite_accepted',
      entityType: 'user',
      entityId: id,
      before: { status: 'invited' },
      after: { status: agent.status },
    });
    await emitEvent(tx, 'agent.activated', { agentId: id, agent: auditView(agent) });
    return agent;
  });
}
