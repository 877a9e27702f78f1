import type { Actor } from '../auth/index.ts';
import { AppError } from '../platform/errors.ts';

export function recipient(actor: Actor): number {
  if (actor.userId === null) throw new AppError('forbidden', 'notifications belong to a signed-in agent');
  return actor.userId;
}
