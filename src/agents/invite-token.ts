import { newToken } from '../auth/index.ts';

export const INVITE_DAYS = 7;

/** A one-time invite: the link goes to the invitee, only the hash is stored. */
export function newInvite(publicUrl: string): { url: string; tokenHash: string; expiresAt: Date } {
  const { token, hash } = newToken('tinv');
  return {
    url: `${publicUrl.replace(/\/+$/, '')}/accept-invite?token=${encodeURIComponent(token)}`,
    tokenHash: hash,
    expiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000),
  };
}
