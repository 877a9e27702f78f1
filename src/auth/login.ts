import { randomBytes } from 'node:crypto';
import { countRecentAudit, recordAudit } from '../audit/index.ts';
import type { Db } from '../db/pool.ts';
import { AppError } from '../platform/errors.ts';
import { deleteSession, findUserByEmail, insertSession } from './auth.queries.ts';
import { hashToken, newToken, verifyPassword } from './secrets.ts';

export const SESSION_DAYS = 14;
const LOCKOUT_WINDOW_MS = 15 * 60_000;
const LOCKOUT_FAILURES = 10;

export interface LoginInput {
  email: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  user: { id: number; email: string; name: string; role: string };
}

/**
 * Checks the password and opens a session. Failures are audited, and an email with too many
 * recent failures is locked for a while — counted in Postgres, so it holds across app processes.
 */
export async function login(db: Db, input: LoginInput): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const since = new Date(Date.now() - LOCKOUT_WINDOW_MS);
  if ((await countRecentAudit(db, 'auth.login_failed', email, since)) >= LOCKOUT_FAILURES) {
    throw new AppError('rate_limited', 'too many failed sign-ins for this email; try again in 15 minutes');
  }
  const user = await findUserByEmail(db, email);
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !passwordOk || user.status !== 'active') {
    await recordAudit(db, null, {
      action: 'auth.login_failed',
      entityType: 'user',
      entityId: email,
      after: { reason: !user ? 'unknown email' : !passwordOk ? 'wrong password' : `user ${user.status}`, ip: input.ip },
    });
    throw new AppError('unauthenticated', 'email or password is incorrect');
  }
  const session = newToken('ts');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await insertSession(db, { tokenHash: session.hash, userId: user.id, csrfToken, ip: input.ip, userAgent: input.userAgent, expiresAt });
  await recordAudit(db, null, { action: 'auth.login', entityType: 'user', entityId: user.id, after: { ip: input.ip } });
  return {
    sessionToken: session.token,
    csrfToken,
    expiresAt,
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
  };
}

export async function logout(db: Db, sessionToken: string): Promise<void> {
  await deleteSession(db, hashToken(sessionToken));
}
