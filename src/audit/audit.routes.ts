import { Type } from 'typebox';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { ctxOf } from '../platform/http/authenticate.ts';
import { errors, Nullable, PageOf, PageQuery, Timestamp } from '../platform/http/schemas.ts';
import { readAudit } from './read-audit.ts';

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  actor: Type.Object({ kind: Type.String(), userId: Nullable(Type.Integer()), name: Nullable(Type.String()) }),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  ip: Nullable(Type.String()),
  createdAt: Timestamp,
});

export async function auditRoutes(app: App): Promise<void> {
  app.get(
    `${API_PREFIX}/audit`,
    {
      config: { auth: 'user' },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first (admins and supervisors)',
        querystring: Type.Object({
          entityType: Type.Optional(Type.String()),
          entityId: Type.Optional(Type.String()),
          action: Type.Optional(Type.String()),
          actorUserId: Type.Optional(Type.Integer()),
          ...PageQuery,
        }),
        response: { 200: PageOf(AuditEntrySchema), ...errors() },
      },
    },
    async (request) => readAudit(ctxOf(request), request.query),
  );

  app.get(
    `${API_PREFIX}/tickets/:id/audit`,
    {
      config: { auth: 'user' },
      schema: {
        tags: ['audit'],
        summary: 'Everything that changed on one ticket, newest first',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        querystring: Type.Object(PageQuery),
        response: { 200: PageOf(AuditEntrySchema), ...errors() },
      },
    },
    async (request) => readAudit(ctxOf(request), { ...request.query, entityType: 'ticket', entityId: String(request.params.id) }),
  );
}
