/** Every failure a caller can act on. Mapped to HTTP in one place: `platform/http/error-handler.ts`. */
export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unavailable';

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Dotted path of the input field at fault, when one is. */
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
  }
}

export const invalid = (field: string, message: string) => new AppError('validation', message, field);
export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const conflict = (message: string, field?: string) => new AppError('conflict', message, field);
export const forbidden = (message: string) => new AppError('forbidden', message);
