import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, type ErrorCode } from '../errors.ts';

const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

const body = (code: string, message: string, field?: string): ErrorBody => ({ error: field ? { code, message, field } : { code, message } });

/** Turns an Ajv failure into the dotted name of the field at fault, e.g. `requester.email`. */
function fieldOf(error: FastifyError): string | undefined {
  const first = error.validation?.[0];
  if (!first) return undefined;
  const path = first.instancePath.split('/').filter(Boolean);
  const missing = (first.params as { missingProperty?: string }).missingProperty;
  if (missing) path.push(missing);
  return path.length ? path.join('.') : error.validationContext;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(STATUS[error.code]).send(body(error.code, error.message, error.field));
    }
    if (error.validation) {
      const field = fieldOf(error);
      const where = field ?? error.validationContext ?? 'request';
      const detail = error.validation[0]?.message ?? 'is invalid';
      return reply.status(400).send(body('validation', `${where} ${detail}`, field));
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return reply.status(413).send(body('payload_too_large', 'request body is too large'));
    if (status === 429) return reply.status(429).send(body('rate_limited', error.message));
    if (status >= 400 && status < 500) return reply.status(status).send(body('bad_request', error.message));
    request.log.error({ err: error }, 'unhandled error');
    // 5xx details stay in the log; the client learns only that it failed.
    return reply.status(status).send(body('internal', 'something went wrong on our side; it has been logged'));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(body('not_found', `no route ${request.method} ${request.url.split('?')[0]}`));
  });
}
