import { Type } from 'typebox';
import { API_PREFIX, type App } from '../../platform/http/app.ts';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { errors, Nullable, Timestamp } from '../../platform/http/schemas.ts';
import { listFollowUpsDue, logWalkIn } from './log-walk-in.ts';

const tags = ['walk-in'];
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

const VisitSchema = Type.Object({
  id: Type.Integer(),
  ticketId: Type.Integer(),
  customerId: Type.Integer(),
  reason: Type.String(),
  outcome: Type.String(),
  followUpOn: Nullable(Type.String()),
  loggedBy: Nullable(Type.Integer()),
  visitedAt: Timestamp,
});

const Customer = Type.Union([
  Type.Object({ customerId: Type.Integer({ minimum: 1 }) }),
  Type.Object({ email: Type.Optional(Type.String({ maxLength: 320 })), phone: Type.Optional(Type.String({ maxLength: 40 })), name: Type.Optional(Type.String({ maxLength: 200 })) }),
]);

export async function walkInRoutes(app: App): Promise<void> {
  app.post(
    `${API_PREFIX}/walk-ins`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Log an in-person visit as a conversation on the customer (who, reason, notes, outcome, follow-up date)',
        body: Type.Object({
          customer: Customer,
          reason: Type.String({ minLength: 1, maxLength: 500 }),
          notes: Type.Optional(Type.String({ maxLength: 20_000 })),
          outcome: Type.Optional(Type.String({ maxLength: 500 })),
          followUpOn: Type.Optional(Nullable(Day)),
        }),
        response: { 201: VisitSchema, ...errors() },
      },
    },
    async (request, reply) => reply.status(201).send(await logWalkIn(ctxOf(request), request.body)),
  );

  app.get(
    `${API_PREFIX}/walk-ins/follow-ups`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Visits whose follow-up is due by a day (default today)', querystring: Type.Object({ due: Type.Optional(Day) }), response: { 200: Type.Object({ data: Type.Array(VisitSchema) }), ...errors() } } },
    async (request) => ({ data: await listFollowUpsDue(ctxOf(request), request.query.due) }),
  );
}
