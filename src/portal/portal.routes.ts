import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { timingSafeEqual } from 'node:crypto';
import { sendHtml } from '../help-center/index.ts';
import { articlePath, getHelpCenterSettings } from '../knowledge/index.ts';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { ctxOf } from '../platform/http/authenticate.ts';
import { errors, Timestamp } from '../platform/http/schemas.ts';
import { AppError } from '../platform/errors.ts';
import { callbackQueues, requestPortalCallback } from './portal-callback.ts';
import { createRequest, getRequest, getRequestAttachment, listRequests, type PortalFile, replyToRequest } from './customer-requests.ts';
import { deflectionReport, openSuggestion, readCustomerArticle, startRequestAttempt, suggestArticles } from './deflection.ts';
import { setOrganizationManager } from './organization-managers.ts';
import { loadPortalCustomer, type PortalCustomer } from './portal-access.ts';
import { portalMailSettings } from './portal-mail.ts';
import { callbackPage, confirmSignInPage, customerArticlePage, newRequestPage, SUGGEST_SCRIPT_HASH, portalErrorPage, requestPage, requestsPage, signInPage, suggestionUrl } from './portal.pages.ts';
import { confirmSignIn, peekSignInLink, portalSession, requestSignInLink, signOut } from './sign-in.ts';

export const PORTAL_COOKIE = 'tend_portal';
const HtmlPage = { 200: Type.String({ description: 'An HTML page' }) };
const Redirect = { 303: Type.Null() };
const TicketParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const MAX_FILE_BYTES = 25 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    portalCustomer: PortalCustomer | null;
  }
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The uploaded files of a multipart form, without the empty part a browser sends for an unused file input. */
function filesOf(value: unknown): PortalFile[] {
  const parts = (Array.isArray(value) ? value : value ? [value] : []) as PortalFile[];
  return parts.filter((f) => f.filename && f.data.length > 0);
}

/**
 * The customer portal: magic-link sign-in, the customer's requests (tickets from every channel),
 * replies, new requests with attachments and live article suggestions. Its session cookie is its
 * own; forms carry the session's CSRF token.
 */
export async function portalRoutes(app: App): Promise<void> {
  const { db, config } = app.deps;
  const secure = config.publicUrl.startsWith('https:');
  await app.register(formbody);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_FILE_BYTES, files: 10 },
    async onFile(part) {
      (part as unknown as { value: PortalFile }).value = { filename: part.filename, contentType: part.mimetype, data: await part.toBuffer() };
    },
  });
  app.decorateRequest('portalCustomer', null);

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[PORTAL_COOKIE];
    if (!token) return;
    const session = await portalSession(db, token);
    if (session) request.portalCustomer = await loadPortalCustomer(db, session.customerId, session.csrfToken);
  });

  app.setErrorHandler(async (error, request, reply) => {
    // The agents' API answers JSON errors: the app's own handler does that.
    if (request.url.startsWith(API_PREFIX)) throw error;
    const settings = await getHelpCenterSettings(db);
    const customer = request.portalCustomer;
    const json = request.url.startsWith('/portal/suggestions');
    const answer = (status: number, title: string, message: string) =>
      json ? reply.status(status).send({ error: { code: title, message } }) : sendHtml(reply, status, portalErrorPage(settings, customer, title, message));
    if (error instanceof AppError) {
      if (error.code === 'unauthenticated') return json ? answer(401, 'unauthenticated', error.message) : sendHtml(reply, 401, signInPage(settings, { error: error.message }));
      const status = { not_found: 404, validation: 400, forbidden: 403, conflict: 409, rate_limited: 429, unavailable: 503, payload_too_large: 413 }[error.code];
      return answer(status, error.code === 'not_found' ? 'Not found' : 'Something is not right', error.message);
    }
    const err = error as { validation?: unknown; statusCode?: number; message: string };
    if (err.validation || (err.statusCode && err.statusCode < 500)) return answer(err.statusCode ?? 400, 'Something is not right', err.message);
    request.log.error({ err: error }, 'portal error');
    return answer(500, 'Something went wrong', 'Please try again in a moment.');
  });

  const signedIn = (request: FastifyRequest): PortalCustomer => {
    if (!request.portalCustomer) throw new AppError('unauthenticated', 'Please sign in to continue.');
    return request.portalCustomer;
  };
  /** Forms send the token as `_csrf`, scripts as the X-CSRF-Token header. */
  const checkedCustomer = (request: FastifyRequest): PortalCustomer => {
    const customer = signedIn(request);
    const sent = (request.body as { _csrf?: unknown } | undefined)?._csrf ?? request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameSecret(sent, customer.csrfToken)) throw new AppError('forbidden', 'This form has expired; reload the page and try again.');
    return customer;
  };
  const hide = true;

  app.get('/portal', { config: { auth: 'public' }, schema: { hide, response: { ...HtmlPage, 303: Type.Null() } } }, async (request, reply) => {
    if (request.portalCustomer) return reply.redirect('/portal/requests', 303);
    return sendHtml(reply, 200, signInPage(await getHelpCenterSettings(db)));
  });

  app.post(
    '/portal/sign-in',
    {
      config: { auth: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { hide, body: Type.Object({ email: Type.String({ format: 'email', maxLength: 320 }) }), response: HtmlPage },
    },
    async (request, reply) => {
      await requestSignInLink(db, { email: request.body.email, ip: request.ip, publicUrl: config.publicUrl, mail: portalMailSettings(config.publicUrl) });
      return sendHtml(reply, 200, signInPage(await getHelpCenterSettings(db), { sentTo: request.body.email }));
    },
  );

  app.get(
    '/portal/sign-in/:token',
    { config: { auth: 'public' }, schema: { hide, params: Type.Object({ token: Type.String({ maxLength: 200 }) }), response: HtmlPage } },
    async (request, reply) => {
      const settings = await getHelpCenterSettings(db);
      const email = await peekSignInLink(db, request.params.token);
      if (!email) return sendHtml(reply, 410, signInPage(settings, { error: 'This sign-in link has expired or was already used. Ask for a new one below.' }));
      return sendHtml(reply, 200, confirmSignInPage(settings, request.params.token, email));
    },
  );

  app.post(
    '/portal/sign-in/confirm',
    { config: { auth: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } }, schema: { hide, body: Type.Object({ token: Type.String({ maxLength: 200 }) }), response: Redirect } },
    async (request, reply) => {
      const signIn = await confirmSignIn(db, request.body.token, request.ip);
      reply.setCookie(PORTAL_COOKIE, signIn.sessionToken, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: signIn.expiresAt });
      return reply.redirect('/portal/requests', 303);
    },
  );

  app.post('/portal/sign-out', { config: { auth: 'public' }, schema: { hide, body: Type.Object({ _csrf: Type.String({ maxLength: 200 }) }), response: Redirect } }, async (request, reply) => {
    checkedCustomer(request);
    const token = request.cookies[PORTAL_COOKIE];
    if (token) await signOut(db, token);
    reply.clearCookie(PORTAL_COOKIE, { path: '/' });
    return reply.redirect('/portal', 303);
  });

  app.get(
    '/portal/requests',
    { config: { auth: 'public' }, schema: { hide, querystring: Type.Object({ scope: Type.Optional(Type.Literal('organization')) }), response: HtmlPage } },
    async (request, reply) => {
      const customer = signedIn(request);
      const organization = request.query.scope === 'organization' && !!customer.managedOrganization;
      const page = await listRequests(db, customer, { organization });
      return sendHtml(reply, 200, requestsPage(await getHelpCenterSettings(db), customer, page.data, organization));
    },
  );

  app.get('/portal/requests/new', { config: { auth: 'public' }, schema: { hide, response: HtmlPage } }, async (request, reply) => {
    const customer = signedIn(request);
    return sendHtml(reply, 200, newRequestPage(await getHelpCenterSettings(db), customer, await startRequestAttempt(db, customer)), [SUGGEST_SCRIPT_HASH]);
  });

  app.post(
    '/portal/requests',
    {
      config: { auth: 'public' },
      schema: {
        hide,
        body: Type.Object({
          _csrf: Type.String({ maxLength: 200 }),
          subject: Type.String({ minLength: 1, maxLength: 300 }),
          body: Type.String({ minLength: 1, maxLength: 100_000 }),
          attemptId: Type.Optional(Type.Integer({ minimum: 1 })),
          files: Type.Optional(Type.Unknown()),
        }),
        response: Redirect,
      },
    },
    async (request, reply) => {
      const customer = checkedCustomer(request);
      const { subject, body, attemptId, files } = request.body;
      const ticket = await createRequest(db, customer, { subject, body, attemptId, files: filesOf(files) });
      return reply.redirect(`/portal/requests/${ticket.id}`, 303);
    },
  );

  app.get('/portal/callback', { config: { auth: 'public' }, schema: { hide, response: HtmlPage } }, async (request, reply) => {
    const customer = signedIn(request);
    return sendHtml(reply, 200, callbackPage(await getHelpCenterSettings(db), customer, await callbackQueues(db)));
  });

  app.post(
    '/portal/callback',
    {
      config: { auth: 'public', rateLimit: { max: 5, timeWindow: '1 hour' } },
      schema: {
        hide,
        body: Type.Object({ _csrf: Type.String({ maxLength: 200 }), queueId: Type.Integer({ minimum: 1 }), phone: Type.String({ minLength: 3, maxLength: 40 }), reason: Type.String({ maxLength: 2000, default: '' }) }),
        response: Redirect,
      },
    },
    async (request, reply) => {
      const customer = checkedCustomer(request);
      const { ticketId } = await requestPortalCallback(db, customer, request.body);
      return reply.redirect(`/portal/requests/${ticketId}`, 303);
    },
  );

  app.get('/portal/requests/:id', { config: { auth: 'public' }, schema: { hide, params: TicketParams, response: HtmlPage } }, async (request, reply) => {
    const customer = signedIn(request);
    const { ticket, messages } = await getRequest(db, customer, request.params.id);
    return sendHtml(reply, 200, requestPage(await getHelpCenterSettings(db), customer, ticket, messages));
  });

  app.post(
    '/portal/requests/:id/replies',
    {
      config: { auth: 'public' },
      schema: {
        hide,
        params: TicketParams,
        body: Type.Object({ _csrf: Type.String({ maxLength: 200 }), body: Type.String({ maxLength: 100_000, default: '' }), files: Type.Optional(Type.Unknown()) }),
        response: Redirect,
      },
    },
    async (request, reply) => {
      const customer = checkedCustomer(request);
      await replyToRequest(db, customer, request.params.id, { body: request.body.body, files: filesOf(request.body.files) });
      return reply.redirect(`/portal/requests/${request.params.id}`, 303);
    },
  );

  app.get(
    '/portal/requests/:id/attachments/:attachmentId',
    { config: { auth: 'public' }, schema: { hide, params: Type.Object({ id: Type.Integer({ minimum: 1 }), attachmentId: Type.Integer({ minimum: 1 }) }) } },
    async (request, reply) => {
      const file = await getRequestAttachment(db, signedIn(request), request.params.id, request.params.attachmentId);
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.data);
    },
  );

  app.post(
    '/portal/suggestions',
    {
      config: { auth: 'public' },
      schema: {
        hide,
        body: Type.Object({ attemptId: Type.Integer({ minimum: 1 }), text: Type.String({ maxLength: 5000 }) }),
        response: { 200: Type.Object({ data: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), url: Type.String() })) }) },
      },
    },
    async (request) => {
      const customer = checkedCustomer(request);
      const hits = await suggestArticles(db, customer, request.body);
      return { data: hits.map((h) => ({ id: h.id, title: h.title, url: suggestionUrl(request.body.attemptId, h.id) })) };
    },
  );

  app.get(
    '/portal/suggested/:attemptId/:articleId',
    { config: { auth: 'public' }, schema: { hide, params: Type.Object({ attemptId: Type.Integer({ minimum: 1 }), articleId: Type.Integer({ minimum: 1 }) }), response: Redirect } },
    async (request, reply) => {
      const article = await openSuggestion(db, signedIn(request), request.params.attemptId, request.params.articleId);
      // Public articles live in the help center; the portal shows those meant for customers only.
      return reply.redirect(article.visibility === 'public' ? articlePath(article) : `/portal/articles/${article.id}`, 303);
    },
  );

  app.get('/portal/articles/:id', { config: { auth: 'public' }, schema: { hide, params: TicketParams, response: HtmlPage } }, async (request, reply) => {
    const customer = signedIn(request);
    const article = await readCustomerArticle(db, request.params.id);
    return sendHtml(reply, 200, customerArticlePage(await getHelpCenterSettings(db), customer, article));
  });

  // Agents' side: who manages an organization in the portal, and what suggestions deflected.
  app.put(
    `${API_PREFIX}/organizations/:id/portal-managers/:customerId`,
    {
      config: { auth: 'user' },
      schema: {
        tags: ['portal'],
        summary: 'Let a member of the organization see all its tickets in the portal (customers.write)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), customerId: Type.Integer({ minimum: 1 }) }),
        response: { 204: Type.Null(), ...errors(404) },
      },
    },
    async (request, reply) => {
      await setOrganizationManager(ctxOf(request), { organizationId: request.params.id, customerId: request.params.customerId, manager: true });
      return reply.status(204).send(null);
    },
  );
  app.delete(
    `${API_PREFIX}/organizations/:id/portal-managers/:customerId`,
    {
      config: { auth: 'user' },
      schema: {
        tags: ['portal'],
        summary: 'Stop a member seeing the organization’s tickets in the portal',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), customerId: Type.Integer({ minimum: 1 }) }),
        response: { 204: Type.Null(), ...errors(404) },
      },
    },
    async (request, reply) => {
      await setOrganizationManager(ctxOf(request), { organizationId: request.params.id, customerId: request.params.customerId, manager: false });
      return reply.status(204).send(null);
    },
  );
  app.get(
    `${API_PREFIX}/portal/deflections`,
    {
      config: { auth: 'user' },
      schema: {
        tags: ['portal'],
        summary: 'Per article: suggested while customers typed a request, opened, deflected (no request sent after), submitted anyway (reports.read)',
        querystring: Type.Object({ since: Type.Optional(Type.String({ format: 'date-time' })) }),
        response: {
          200: Type.Object({
            since: Timestamp,
            data: Type.Array(Type.Object({ articleId: Type.Integer(), suggested: Type.Integer(), opened: Type.Integer(), deflected: Type.Integer(), submittedAnyway: Type.Integer() })),
          }),
          ...errors(),
        },
      },
    },
    async (request) => {
      const since = request.query.since ? new Date(request.query.since) : new Date(Date.now() - 30 * 86_400_000);
      return { since, data: await deflectionReport(ctxOf(request), since) };
    },
  );
}
