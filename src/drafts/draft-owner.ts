import type { Actor } from '../auth/index.ts';
import { AppError } from '../platform/errors.ts';

/** Drafts belong to a person; an API token acts for its user, a system actor has none. */
export function draftOwner(actor: Actor): number {
  if (actor.userId === null) throw new AppError('forbidden', 'drafts belong to a signed-in agent');
  return actor.userId;
}
