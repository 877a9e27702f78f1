import type { Db, Queryable } from '../db/pool.ts';
import { coalesced } from '../platform/coalesce.ts';
import type { Actor } from './actor.ts';
import { type AuthUser, findLiveApiTokens, findLiveSessions, findUserByEmail, touchApiToken, touchSession } from './auth.queries.ts';
import { SESSION_DAYS } from './login.ts';
import { hashToken } from './secrets.ts';

// Writing "last used" on every request would turn each read into a write; a minute's precision is enough.
const TOUCH_AFTER_MS = 60_000;

const actorOf = (user: AuthUser, kind: Actor['kind'], ip: string): Actor => ({
  kind,
  userId: user.id,
  name: user.name,
  role: user.role,
  permissions: new Set(user.permissions),
  ip,
});

/**
 * The credentials of concurrent requests are looked up together, one statement for many requests:
 * a lookup of its own per request was a quarter of the statements of ticket creation under load.
 * Nothing is cached: each answer comes from a lookup started after the request asked, so a revoked
 * token or an ended session fails the very next request, on every app process.
 */
const lookups = new WeakMap<Db, { sessions: (hash: string) => ReturnType<typeof findLiveSessions>; tokens: (hash: string) => ReturnType<typeof findLiveApiTokens> }>();

function lookupsOf(db: Db) {
  let found = lookups.get(db);
  if (!found) {
    found = {
      sessions: coalesced((hashes: string[]) => findLiveSessions(db, [...new Set(hashes)])),
      tokens: coalesced((hashes: string[]) => findLiveApiTokens(db, [...new Set(hashes)])),
    };
    lookups.set(db, found);
  }
  return found;
}

export async function actorFromSession(db: Db, sessionToken: string, ip: string): Promise<{ actor: Actor; csrfToken: string } | null> {
  const tokenHash = hashToken(sessionToken);
  const session = (await lookupsOf(db).sessions(tokenHash)).get(tokenHash);
  if (!session) return null;
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await touchSession(db, tokenHash, new Date(Date.now() + SESSION_DAYS * 86_400_000));
  }
  return { actor: actorOf(session.user, 'user', ip), csrfToken: session.csrfToken };
}

export async function actorFromApiToken(db: Db, token: string, ip: string): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  const found = (await lookupsOf(db).tokens(tokenHash)).get(tokenHash);
  if (!found) return null;
  if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > TOUCH_AFTER_MS) await touchApiToken(db, found.tokenId);
  return actorOf(found.user, 'token', ip);
}

/** The active user with this address, acting as themselves: a channel where people prove who they are by address (their own mail). */
export async function actorFromEmail(db: Queryable, address: string): Promise<Actor | null> {
  const user = await findUserByEmail(db, address);
  return user && user.status === 'active' ? actorOf(user, 'user', '') : null;
}
