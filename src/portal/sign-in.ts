import { randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/index.ts';
import { hashToken, newToken } from '../auth/index.ts';
import { normalizeIdentity, resolveCustomer } from '../customers/index.ts';
import { type Db, withTransaction } from '../db/pool.ts';
import { html } from '../help-center/index.ts';
import { getHelpCenterSettings } from '../knowledge/index.ts';
import { AppError } from '../platform/errors.ts';
import { type PortalMailSettings, sendPortalMail } from './portal-mail.ts';
import {
  consumeSignInLink,
  countRecentSignInLinks,
  deletePortalSession,
  insertPortalSession,
  insertSignInLink,
  selectLivePortalSession,
  selectLiveSignInLink,
  touchPortalSession,
} from './portal.queries.ts';

export const LINK_MINUTES = 15;
export const PORTAL_SESSION_DAYS = 30;
const LINKS_PER_HOUR = 5;
const TOUCH_AFTER_MS = 60_000;

/**
 * Mails a single-use sign-in link to any address: the customer is found or created only when
 * the link is used, which proves they own the address. The answer is the same whether or not
 * the address is known, and a few links per address per hour are allowed.
 */
export async function requestSignInLink(db: Db, input: { email: string; ip: string | null; publicUrl: string; mail: PortalMailSettings }): Promise<void> {
  const email = normalizeIdentity('email', input.email, 'email');
  if ((await countRecentSignInLinks(db, email, new Date(Date.now() - 3_600_000))) >= LINKS_PER_HOUR) {
    throw new AppError('rate_limited', 'several sign-in links were sent to this address in the last hour; use the newest one or try later');
  }
  const { token, hash } = newToken('tpl');
  await insertSignInLink(db, { tokenHash: hash, email, ip: input.ip, expiresAt: new Date(Date.now() + LINK_MINUTES * 60_000) });
  const settings = await getHelpCenterSettings(db);
  const link = `${input.publicUrl.replace(/\/$/, '')}/portal/sign-in/${token}`;
  await sendPortalMail(input.mail, {
    to: email,
    fromName: settings.name,
    subject: `Your sign-in link for ${settings.name}`,
    text: `Use this link to sign in to ${settings.name}:\n\n${link}\n\nIt works once, within ${LINK_MINUTES} minutes. If you did not ask for it, ignore this email.`,
    html: html`<p>Use this link to sign in to ${settings.name}:</p><p><a href="${link}">Sign in</a></p><p>It works once, within ${LINK_MINUTES} minutes. If you did not ask for it, ignore this email.</p>`.value,
  });
}

/** The address a live link was sent to, without using the link up (mail scanners follow links). */
export const peekSignInLink = (db: Db, token: string): Promise<string | null> => selectLiveSignInLink(db, hashToken(token));

export interface PortalSignIn {
  sessionToken: string;
  expiresAt: Date;
  customerId: number;
}

/** Uses the link up and opens a portal session for the customer behind the address. */
export async function confirmSignIn(db: Db, token: string, ip: string | null): Promise<PortalSignIn> {
  return withTransaction(db, async (tx) => {
    const email = await consumeSignInLink(tx, hashToken(token));
    if (!email) throw new AppError('unauthenticated', 'this sign-in link has expired or was already used; ask for a new one');
    const customerId = await resolveCustomer(tx, { email }, 'email');
    const session = newToken('tps');
    const expiresAt = new Date(Date.now() + PORTAL_SESSION_DAYS * 86_400_000);
    await insertPortalSession(tx, { tokenHash: session.hash, customerId, csrfToken: randomBytes(24).toString('base64url'), expiresAt });
    await recordAudit(tx, null, { action: 'portal.signed_in', entityType: 'customer', entityId: customerId, after: { ip } });
    return { sessionToken: session.token, expiresAt, customerId };
  });
}

/** The session behind a portal cookie; sliding expiry, touched at most once a minute. */
export async function portalSession(db: Db, sessionToken: string): Promise<{ customerId: number; csrfToken: string } | null> {
  const tokenHash = hashToken(sessionToken);
  const session = await selectLivePortalSession(db, tokenHash);
  if (!session) return null;
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) await touchPortalSession(db, tokenHash, new Date(Date.now() + PORTAL_SESSION_DAYS * 86_400_000));
  return { customerId: session.customerId, csrfToken: session.csrfToken };
}

export const signOut = (db: Db, sessionToken: string): Promise<void> => deletePortalSession(db, hashToken(sessionToken));
