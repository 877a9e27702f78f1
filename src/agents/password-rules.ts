import { invalid } from '../platform/errors.ts';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1000;

export function checkPasswordStrength(password: string, field: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw invalid(field, `password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw invalid(field, `password must be at most ${MAX_PASSWORD_LENGTH} characters`);
}
