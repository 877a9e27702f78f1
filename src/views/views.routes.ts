import { Type } from 'typebox';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { ctxOf } from '../platform/http/authenticate.ts';
import { errors, IdParams, PageOf, PageQuery } from '../platform/http/schemas.ts';
import { TicketSchema } from '../tickets/index.ts';
import { createView } from './create-view.ts';
import { deleteView } from './delete-view.ts';
import { getView, listViewTickets, listViews } from './read-views.ts';
import { updateView } from './update-view.ts';
import { CreateViewBody, UpdateViewBody, ViewSchema } from './views.schemas.ts';

const tags = ['views'];

export async function viewRoutes(app: App): Promise<void> {
  app.addSchema(TicketSchema);

  app.get(
    `${API_PREFIX}/views`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Shared views and your own, each with its live ticket count for you',
        response: { 200: Type.Object({ data: Type.Array(Type.Intersect([ViewSchema, Type.Object({ count: Type.Integer() })])) }), ...errors() },
      },
    },
    async (request) => ({ data: await listViews(ctxOf(request)) }),
  );

  app.post(
    `${API_PREFIX}/views`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Save a view: personal, or shared (views.manage_shared)', body: CreateViewBody, response: { 201: ViewSchema, ...errors() } },
    },
    async (request, reply) => reply.status(201).send(await createView(ctxOf(request), request.body)),
  );

  app.get(
    `${API_PREFIX}/views/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'One view', params: IdParams, response: { 200: ViewSchema, ...errors(404) } } },
    async (request) => getView(ctxOf(request), request.params.id),
  );

  app.patch(
    `${API_PREFIX}/views/:id`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Rename, refilter, reorder or (un)share a view', params: IdParams, body: UpdateViewBody, response: { 200: ViewSchema, ...errors(404) } },
    },
    async (request) => updateView(ctxOf(request), request.params.id, request.body),
  );

  app.delete(
    `${API_PREFIX}/views/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Delete a view', params: IdParams, response: { 204: Type.Null(), ...errors(404) } } },
    async (request, reply) => {
      await deleteView(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${API_PREFIX}/views/:id/tickets`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'The tickets a view holds for you, in its order',
        params: IdParams,
        querystring: Type.Object(PageQuery),
        response: { 200: PageOf(Type.Ref('Ticket')), ...errors(404) },
      },
    },
    async (request) => listViewTickets(ctxOf(request), request.params.id, request.query),
  );
}
