import { Type } from 'typebox';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { ctxOf } from '../platform/http/authenticate.ts';
import { errors, Nullable, PageOf, PageQuery, Timestamp } from '../platform/http/schemas.ts';
import { TicketFilterQuery, ticketFilterFromQuery } from '../tickets/index.ts';
import { search } from './search.ts';

const Ref = Type.Object({ id: Type.Integer(), name: Type.String() });

const SearchResultSchema = Type.Object({
  type: Type.Enum(['ticket', 'message', 'customer'] as const),
  id: Type.Integer(),
  rank: Type.Number({ description: 'Higher is better; comparable across kinds only roughly' }),
  matched: Type.Array(Type.String(), { description: 'Where it matched: number, subject, messages, body, name, email, phone, …' }),
  highlights: Type.Array(
    Type.Object({ field: Type.String(), html: Type.String({ description: 'Escaped text; matched words wrapped in <mark>' }) }),
  ),
  ticket: Nullable(
    Type.Object({
      id: Type.Integer(),
      subject: Type.String(),
      status: Type.String(),
      priority: Type.String(),
      requester: Ref,
      assignee: Nullable(Ref),
      team: Nullable(Ref),
      createdAt: Timestamp,
      updatedAt: Timestamp,
    }),
  ),
  message: Nullable(
    Type.Object({
      id: Type.Integer(),
      ticket: Type.Object({ id: Type.Integer(), subject: Type.String() }),
      internal: Type.Boolean(),
      author: Type.Object({ type: Type.String(), name: Type.String() }),
      createdAt: Timestamp,
    }),
  ),
  customer: Nullable(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      identities: Type.Array(Type.Object({ kind: Type.String(), value: Type.String() })),
      createdAt: Timestamp,
    }),
  ),
});

const { status, assigneeId, teamId, tag, createdAfter, createdBefore } = TicketFilterQuery;

export async function searchRoutes(app: App): Promise<void> {
  app.get(
    `${API_PREFIX}/search`,
    {
      config: { auth: 'user' },
      schema: {
        tags: ['search'],
        summary: 'Ranked search over tickets (subject, messages, "#1234"), messages and customers (typo-tolerant names and identities)',
        querystring: Type.Object({
          q: Type.String({ minLength: 1, maxLength: 500 }),
          type: Type.Optional(
            Type.Enum(['tickets', 'messages', 'customers', 'all'] as const, {
              default: 'all',
              description: 'all: tickets (by subject, number or any of their messages, the best-matching one shown) and customers; messages: each matching message on its own',
            }),
          ),
          status,
          assigneeId,
          teamId,
          tag,
          createdAfter,
          createdBefore,
          ...PageQuery,
        }),
        response: { 200: PageOf(SearchResultSchema), ...errors() },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const { q, type, cursor, limit, ...filter } = request.query;
      return search(ctx, { q, type, cursor, limit, filter: ticketFilterFromQuery(filter, ctx.actor) });
    },
  );
}
