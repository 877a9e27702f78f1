import { AppError } from '../platform/errors.ts';

const CONSTRAINT_FIELDS: Record<string, [string, string]> = {
  tickets_assignee_id_fkey: ['assigneeId', 'no agent with that id'],
  tickets_team_id_fkey: ['teamId', 'no team with that id'],
  tickets_requester_id_fkey: ['requesterId', 'no customer with that id'],
};

/** Turns a foreign-key failure into a 400 naming the field, instead of a 500. */
export function mapTicketConstraint(error: unknown): never {
  const constraint = (error as { code?: string; constraint?: string }).constraint;
  const known = constraint ? CONSTRAINT_FIELDS[constraint] : undefined;
  if ((error as { code?: string }).code === '23503' && known) throw new AppError('validation', known[1], known[0]);
  throw error;
}
