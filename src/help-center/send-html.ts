import negotiate from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { encodedBody, type RenderedPage } from './rendered-pages.ts';

// Article bodies are sanitised on the way in; this makes any slip harmless in the browser too.
const CONTENT_SECURITY_POLICY = ["default-src 'none'", "img-src 'self' https: data:", "style-src 'unsafe-inline'", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"];
const ENCODINGS = ['br', 'gzip', 'identity'];

function htmlHeaders(reply: FastifyReply, scripts: string[]): FastifyReply {
  const policy = scripts.length ? [...CONTENT_SECURITY_POLICY, `script-src ${scripts.map((h) => `'${h}'`).join(' ')}`, "connect-src 'self'"] : CONTENT_SECURITY_POLICY;
  return reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', policy.join('; '))
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin');
}

/** An HTML page with the help center's security headers; `scripts` allows inline scripts by their CSP hash. */
export function sendHtml(reply: FastifyReply, status: number, body: string, scripts: string[] = []): FastifyReply {
  return htmlHeaders(reply.status(status), scripts).send(body);
}

const matches = (ifNoneMatch: string | undefined, etag: string) => !!ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*');

/**
 * A rendered page, as the same headers as `sendHtml`: 304 when the browser holds it already
 * (browsers ask again every time, so an edit shows at once), compressed when the browser accepts it.
 */
export async function sendPage(request: FastifyRequest, reply: FastifyReply, page: RenderedPage<unknown>): Promise<FastifyReply> {
  htmlHeaders(reply, []).header('etag', page.etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
  if (matches(request.headers['if-none-match'], page.etag)) return reply.status(304).send();
  const encoding = negotiate(request.headers['accept-encoding'] ?? '', ENCODINGS);
  if (encoding !== 'br' && encoding !== 'gzip') return reply.status(200).send(page.body);
  return reply.status(200).header('content-encoding', encoding).send(await encodedBody(page, encoding));
}
